/**
 * Verifiable transcripts in the web app: the API calls and the shapes they answer, and the holder check
 * (does this credential's hashed identifier match a 学号 or name?). Used by the public /verify page and
 * available to the student's credit-bank pages.
 */
import { creditbankApi, type CredentialVerification, type IssuedCredential, type MyCredentialItem } from '../../api.ts';
import { client, unwrap } from '../../api/client.ts';

export type { CredentialVerification, IssuedCredential };
export type CredentialCheck = CredentialVerification['checks'][number];
export type CheckName = CredentialCheck['check'];
export type CredentialListItem = MyCredentialItem;
export type CredentialState = MyCredentialItem['state'];

export const credentialsApi = {
  /** Anyone, no login: the server checks signature, issuer key, revocation status and validity. */
  verify: (credential: unknown) => unwrap(client.POST('/api/public/credentials/verify', { body: credential as never })),
  mine: creditbankApi.myCredentials,
  /** Issues the credential of a granted outcome, or returns the one issued before. */
  issue: creditbankApi.issueCredential,
  downloadUrl: (credentialId: string) => `/api/creditbank/credentials/${encodeURIComponent(credentialId)}`,
};

/** Parses pasted or uploaded text: an object, or null when it is not JSON or not an object. */
export function parseCredential(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

interface IdentityObject {
  identityType?: unknown;
  identityHash?: unknown;
  salt?: unknown;
  hashed?: unknown;
}

/**
 * Whether `value` (a 学号 or a name, as the verifier was told it) is the one the credential's salted
 * identity hash stands for: 'match', 'no_match', or 'unavailable' (no hashed identifier, or no Web Crypto).
 */
export async function matchIdentity(credential: Record<string, unknown>, value: string): Promise<'match' | 'no_match' | 'unavailable'> {
  const subject = credential.credentialSubject as { identifier?: unknown } | undefined;
  const identities = (
    Array.isArray(subject?.identifier) ? subject.identifier : subject?.identifier ? [subject.identifier] : []
  ) as IdentityObject[];
  const hashed = identities.filter(
    (identity) => identity.hashed === true && typeof identity.identityHash === 'string' && identity.identityHash.startsWith('sha256$'),
  );
  if (hashed.length === 0 || typeof crypto === 'undefined' || !crypto.subtle) return 'unavailable';
  for (const identity of hashed) {
    const data = new TextEncoder().encode(`${value.trim()}${typeof identity.salt === 'string' ? identity.salt : ''}`);
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', data)), (byte) =>
      byte.toString(16).padStart(2, '0'),
    ).join('');
    if (`sha256$${digest}` === identity.identityHash) return 'match';
  }
  return 'no_match';
}
