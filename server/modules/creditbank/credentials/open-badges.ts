/**
 * The shapes of the documents we publish, pure (no I/O): the issuer's Profile with its keys, and the
 * unsigned Open Badges 3.0 credential for one achievement (OpenBadgeCredential, VC Data Model 2.0).
 */
import crypto from 'node:crypto';
import { contextUrls } from './document-loader.ts';

export const issuerPath = (institutionId: number) => `/api/public/issuers/${institutionId}`;
export const statusListPath = (listId: string) => `/api/public/status-lists/${listId}`;
export const verificationMethodId = (issuerId: string, keyNo: number) => `${issuerId}#key-${keyNo}`;

export interface PublishedKey {
  keyNo: number;
  publicKeyMultibase: string;
}

/**
 * Terms a controller document needs beyond the VC and Open Badges contexts, defined inline exactly as
 * the W3C Controlled Identifiers v1.0 context defines them (no context of that spec is packaged on npm).
 */
const controllerTerms = {
  verificationMethod: { '@id': 'https://w3id.org/security#verificationMethod', '@type': '@id', '@container': '@set' },
  assertionMethod: { '@id': 'https://w3id.org/security#assertionMethod', '@type': '@id', '@container': '@set' },
};

/**
 * The issuer: an Open Badges Profile that is also the controller document of its keys. Every key ever
 * used stays listed, so credentials signed before a rotation still verify.
 */
export function issuerProfile(issuerId: string, name: string, keys: PublishedKey[]) {
  return {
    '@context': [contextUrls.credentialsV2, contextUrls.openBadges, contextUrls.multikey, controllerTerms],
    id: issuerId,
    type: ['Profile'],
    name,
    verificationMethod: keys.map((key) => verificationMethodDocument(issuerId, key, false)),
    assertionMethod: keys.map((key) => verificationMethodId(issuerId, key.keyNo)),
  };
}

/** One key as a Multikey document (standalone: with its @context, as `#key-n` dereferences to). */
export function verificationMethodDocument(issuerId: string, key: PublishedKey, standalone = true) {
  return {
    ...(standalone ? { '@context': contextUrls.multikey } : {}),
    id: verificationMethodId(issuerId, key.keyNo),
    type: 'Multikey',
    controller: issuerId,
    publicKeyMultibase: key.publicKeyMultibase,
  };
}

/** A stable UUID (RFC 9562 version 8, from SHA-256) for a name: the same achievement gets the same id. */
export function nameUuid(name: string): string {
  const bytes = crypto.createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type IdentityType = 'sisSourcedId' | 'name';

/** An OB 3.0 IdentityObject: `sha256$` + hex SHA-256 of the value followed by the salt; the value never appears. */
export function hashedIdentity(identityType: IdentityType, value: string, salt = crypto.randomBytes(16).toString('hex')) {
  return {
    type: 'IdentityObject',
    identityType,
    hashed: true,
    identityHash: identityHashOf(value, salt),
    salt,
  };
}

export const identityHashOf = (value: string, salt: string) =>
  `sha256$${crypto.createHash('sha256').update(`${value.trim()}${salt}`, 'utf8').digest('hex')}`;

export type AchievementType = 'Certificate' | 'Certification' | 'Award' | 'Course';

export interface AchievementFacts {
  /** Names the achievement across credentials (kind, catalogue id, level…): its id is derived from it. */
  key: string;
  achievementType: AchievementType;
  name: string;
  description: string;
  criteria: string;
  creditsAvailable: number;
  humanCode?: string | null;
  /** e.g. the certificate level or the prize, shown as the subject's result. */
  resultValue?: string | null;
}

export interface CredentialInput {
  id: string;
  issuer: { id: string; name: string };
  validFrom: string;
  awardedDate: string;
  student: { studentNo: string; name: string };
  achievement: AchievementFacts;
  creditsEarned: number;
  credentialStatus: object;
}

export function achievementCredential(input: CredentialInput) {
  const { achievement } = input;
  return {
    '@context': [contextUrls.credentialsV2, contextUrls.openBadges],
    id: `urn:uuid:${input.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    description: achievement.description,
    issuer: { id: input.issuer.id, type: ['Profile'], name: input.issuer.name },
    validFrom: input.validFrom,
    awardedDate: input.awardedDate,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [hashedIdentity('sisSourcedId', input.student.studentNo), hashedIdentity('name', input.student.name)],
      achievement: {
        id: `urn:uuid:${nameUuid(`${input.issuer.id}|${achievement.key}`)}`,
        type: ['Achievement'],
        achievementType: achievement.achievementType,
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.criteria },
        creditsAvailable: achievement.creditsAvailable,
        ...(achievement.humanCode ? { humanCode: achievement.humanCode } : {}),
        inLanguage: 'zh-CN',
      },
      creditsEarned: input.creditsEarned,
      ...(achievement.resultValue ? { result: [{ type: ['Result'], value: achievement.resultValue }] } : {}),
    },
    credentialStatus: input.credentialStatus,
  };
}
