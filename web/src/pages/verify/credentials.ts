/**
 * Verifiable transcripts in the web app: the API calls and the shapes they answer, and the holder check
 * (does this credential's hashed identifier match a 学号 or name?). Used by the public /verify page and
 * available to the student's credit-bank pages.
 */
import { api } from '../../api.ts';

export type CheckName = 'format' | 'issuer' | 'key' | 'signature' | 'status' | 'validity';
export interface CredentialCheck { check: CheckName; ok: boolean; message: string }
export interface CredentialVerification {
  verified: boolean;
  revoked: boolean;
  checks: CredentialCheck[];
  credential: { id: string | null; name: string | null; validFrom: string | null; validUntil: string | null; awardedDate: string | null };
  issuer: { id: string; name: string | null; known: boolean };
  achievement: {
    id: string | null; name: string | null; description: string | null; achievementType: string | null; humanCode: string | null;
    creditsAvailable: number | null; criteria: string | null; creditsEarned: number | null; result: string[];
  };
}

export type CredentialState = 'issuable' | 'issued' | 'revoked';
export interface CredentialListItem {
  outcomeId: number; kind: 'course_credit' | 'certificate' | 'competition'; achievementName: string; achievementType: string; credits: number;
  grantedAt: string; state: CredentialState; credentialId: string | null; issuedAt: string | null;
}
export interface IssuedCredential { id: string; outcomeId: number; issuedAt: string; created: boolean; credential: Record<string, unknown> }

export const credentialsApi = {
  /** Anyone, no login: the server checks signature, issuer key, revocation status and validity. */
  verify: (credential: unknown) => api.post<CredentialVerification>('/api/public/credentials/verify', credential),
  mine: () => api.get<{ items: CredentialListItem[] }>('/api/me/creditbank/credentials'),
  /** Issues the credential of a granted outcome, or returns the one issued before. */
  issue: (outcomeId: number) => api.post<IssuedCredential>(`/api/creditbank/outcomes/${outcomeId}/credential`),
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

interface IdentityObject { identityType?: unknown; identityHash?: unknown; salt?: unknown; hashed?: unknown }

/**
 * Whether `value` (a 学号 or a name, as the verifier was told it) is the one the credential's salted
 * identity hash stands for: 'match', 'no_match', or 'unavailable' (no hashed identifier, or no Web Crypto).
 */
export async function matchIdentity(credential: Record<string, unknown>, value: string): Promise<'match' | 'no_match' | 'unavailable'> {
  const subject = credential.credentialSubject as { identifier?: unknown } | undefined;
  const identities = (Array.isArray(subject?.identifier) ? subject.identifier : subject?.identifier ? [subject.identifier] : []) as IdentityObject[];
  const hashed = identities.filter((identity) => identity.hashed === true && typeof identity.identityHash === 'string' && identity.identityHash.startsWith('sha256$'));
  if (hashed.length === 0 || typeof crypto === 'undefined' || !crypto.subtle) return 'unavailable';
  for (const identity of hashed) {
    const data = new TextEncoder().encode(`${value.trim()}${typeof identity.salt === 'string' ? identity.salt : ''}`);
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', data)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    if (`sha256$${digest}` === identity.identityHash) return 'match';
  }
  return 'no_match';
}
