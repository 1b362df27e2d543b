import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { describe, expect, it } from 'vitest';
import { independentDocumentLoader, verifyIndependently } from '../../../../tests/support/independent-verifier.ts';
import {
  generateEd25519KeyPair,
  publicKeyFromMultibase,
  publicKeyMultibase,
  signDocument,
  verifyDocument,
  type JsonObject,
} from './data-integrity.ts';
import { achievementCredential, identityHashOf, issuerProfile, nameUuid, verificationMethodId } from './open-badges.ts';

const publicUrl = 'https://college.example.edu';
const issuerId = `${publicUrl}/api/public/issuers/7`;
const keys = generateEd25519KeyPair();
const methodId = verificationMethodId(issuerId, 1);
const published = { keyNo: 1, publicKeyMultibase: publicKeyMultibase(keys.publicKey) };
const fetchOwn = async (url: string) => {
  if (url === issuerId) return issuerProfile(issuerId, '示例职业技术学院', [published]);
  throw new Error(`404 ${url}`);
};
const resolveKey = async (id: string) => (id === methodId ? keys.publicKey : null);

/** An OB 3.0 credential without credentialStatus (status lists are tested against the running app). */
function unsignedCredential(): JsonObject {
  const credential: JsonObject = achievementCredential({
    id: '5d1e1b4e-6a8e-4d6e-9d43-3c1f5f9e2a11',
    issuer: { id: issuerId, name: '示例职业技术学院' },
    validFrom: '2026-07-01T08:00:00Z',
    awardedDate: '2026-06-30T10:00:00Z',
    student: { studentNo: '2024460303017', name: '李明' },
    achievement: {
      key: 'certificate|3|intermediate',
      achievementType: 'Certificate',
      name: '工业互联网网络运维（中级）',
      description: '职业技能等级证书',
      criteria: '持证并经认定',
      creditsAvailable: 4,
      humanCode: 'ZY-GYHL',
      resultValue: '中级',
    },
    creditsEarned: 4,
    credentialStatus: {},
  });
  delete credential.credentialStatus;
  return credential;
}

describe('Multikey', () => {
  it('encodes an Ed25519 public key as z6Mk… and back', () => {
    expect(published.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(publicKeyFromMultibase(published.publicKeyMultibase).equals(keys.publicKey)).toBe(true);
    expect(() => publicKeyFromMultibase(`u${published.publicKeyMultibase.slice(1)}`)).toThrow(/base58btc/);
    expect(() => publicKeyFromMultibase('z6MkhaXgBZD')).toThrow(/Ed25519/);
  });

  it("matches the reference library's encoding of the same key", async () => {
    const reference = await Ed25519Multikey.fromJwk({ jwk: keys.publicKey.export({ format: 'jwk' }) });
    expect(reference.publicKeyMultibase).toBe(published.publicKeyMultibase);
  });
});

describe('eddsa-rdfc-2022 Data Integrity proofs', () => {
  it('signs an Open Badges credential that our verifier and the independent verifier both accept', async () => {
    const signed = await signDocument(
      unsignedCredential(),
      { verificationMethod: methodId, privateKey: keys.privateKey },
      { created: new Date('2026-07-01T08:00:00Z') },
    );
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2026-07-01T08:00:00Z',
      verificationMethod: methodId,
      proofPurpose: 'assertionMethod',
    });
    expect(signed.proof.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);
    expect(await verifyDocument(signed, { resolveKey })).toMatchObject({ verified: true, verificationMethod: methodId });
    expect(await verifyIndependently(signed, publicUrl, fetchOwn)).toMatchObject({ verified: true, error: null });
  });

  it('fails on any change: a field, a nested field, an added field, the proof options, another key', async () => {
    const signed = await signDocument(unsignedCredential(), { verificationMethod: methodId, privateKey: keys.privateKey });
    const tamper = (change: (credential: any) => void) => {
      const copy = structuredClone(signed) as any;
      change(copy);
      return copy;
    };
    const changed = [
      tamper((c) => {
        c.credentialSubject.creditsEarned = 6;
      }),
      tamper((c) => {
        c.credentialSubject.achievement.name = '工业互联网网络运维（高级）';
      }),
      tamper((c) => {
        c.issuer.name = '另一所学院';
      }),
      tamper((c) => {
        c.validFrom = '2020-01-01T00:00:00Z';
      }),
      tamper((c) => {
        c.description = `${c.description} `;
      }),
      tamper((c) => {
        c.proof.created = '2027-01-01T00:00:00Z';
      }),
    ];
    for (const credential of changed) {
      expect(await verifyDocument(credential, { resolveKey })).toMatchObject({ verified: false, reason: 'invalid_signature' });
      expect((await verifyIndependently(credential, publicUrl, fetchOwn)).verified).toBe(false);
    }
    const other = generateEd25519KeyPair();
    expect(await verifyDocument(signed, { resolveKey: async () => other.publicKey })).toMatchObject({
      verified: false,
      reason: 'invalid_signature',
    });
    expect(await verifyDocument(signed, { resolveKey: async () => null })).toMatchObject({ verified: false, reason: 'unknown_key' });
  });

  it('names what is wrong with a proof instead of throwing', async () => {
    const signed = await signDocument(unsignedCredential(), { verificationMethod: methodId, privateKey: keys.privateKey });
    const { proof, ...bare } = signed;
    expect(await verifyDocument(bare, { resolveKey })).toMatchObject({ verified: false, reason: 'no_proof' });
    expect(await verifyDocument('junk', { resolveKey })).toMatchObject({ verified: false, reason: 'no_proof' });
    expect(await verifyDocument({ ...bare, proof: [proof] }, { resolveKey })).toMatchObject({
      verified: false,
      reason: 'unsupported_proof',
    });
    expect(await verifyDocument({ ...bare, proof: { ...proof, cryptosuite: 'ecdsa-rdfc-2019' } }, { resolveKey })).toMatchObject({
      verified: false,
      reason: 'unsupported_proof',
    });
    expect(await verifyDocument({ ...bare, proof: { ...proof, proofPurpose: 'authentication' } }, { resolveKey })).toMatchObject({
      verified: false,
      reason: 'wrong_purpose',
    });
    expect(await verifyDocument({ ...bare, proof: { ...proof, proofValue: 'z0OIl' } }, { resolveKey })).toMatchObject({
      verified: false,
      reason: 'malformed',
    });
    expect(await verifyDocument({ ...bare, proof: { ...proof, proofValue: 'z3' } }, { resolveKey })).toMatchObject({
      verified: false,
      reason: 'malformed',
    });
    // A term no context defines would be dropped from the signed data: safe-mode canonicalisation refuses it.
    expect(await verifyDocument({ ...signed, injected: '不在任何上下文中' }, { resolveKey })).toMatchObject({
      verified: false,
      reason: 'malformed',
    });
    // A context we do not bundle is never fetched.
    expect(
      await verifyDocument(
        { ...signed, '@context': [...(signed['@context'] as string[]), 'https://evil.example/context.json'] },
        { resolveKey },
      ),
    ).toMatchObject({ verified: false, reason: 'malformed' });
  });

  it('verifies a credential signed by the reference implementation (interoperates both ways)', async () => {
    const keyPair = await Ed25519Multikey.fromJwk({
      jwk: keys.privateKey.export({ format: 'jwk' }),
      secretKey: true,
      id: methodId,
      controller: issuerId,
    });
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
    const signedByReference = await vc.issue({
      credential: unsignedCredential(),
      suite,
      documentLoader: independentDocumentLoader(publicUrl, fetchOwn),
    });
    expect(signedByReference.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    expect(await verifyDocument(signedByReference, { resolveKey })).toMatchObject({ verified: true });
  });
});

describe('Open Badges shape', () => {
  it('never carries the student number or name in clear; the salted hash lets a verifier who knows them check', () => {
    const credential = unsignedCredential() as any;
    const text = JSON.stringify(credential);
    expect(text).not.toContain('2024460303017');
    expect(text).not.toContain('李明');
    const [studentNo, name] = credential.credentialSubject.identifier;
    expect(studentNo).toMatchObject({ type: 'IdentityObject', identityType: 'sisSourcedId', hashed: true });
    expect(studentNo.identityHash).toBe(identityHashOf('2024460303017', studentNo.salt));
    expect(name.identityHash).toBe(identityHashOf('李明', name.salt));
    expect(studentNo.salt).not.toBe(name.salt);
  });

  it('gives one achievement one stable id (a version-8 UUID)', () => {
    expect(nameUuid('a|certificate|3|intermediate')).toBe(nameUuid('a|certificate|3|intermediate'));
    expect(nameUuid('a|certificate|3|intermediate')).not.toBe(nameUuid('a|certificate|3|senior'));
    expect(nameUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
