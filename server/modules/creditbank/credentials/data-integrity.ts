/**
 * Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C VC Data Integrity EdDSA Cryptosuites v1.0, §3.2):
 * the document and the proof options are each canonicalised with RDFC-1.0 (the `jsonld` library), hashed
 * with SHA-256, and the two hashes (proof options first) are signed with Ed25519 (node:crypto). The
 * signature is `proofValue`, multibase base58btc (`z…`); public keys are Multikey (`z6Mk…`).
 */
import crypto, { type KeyObject } from 'node:crypto';
import * as base58 from 'base58-universal';
import jsonld, { type DocumentLoader } from 'jsonld';
import { contextLoader } from './document-loader.ts';

export const proofType = 'DataIntegrityProof';
export const cryptosuite = 'eddsa-rdfc-2022';

export interface DataIntegrityProof {
  type: typeof proofType;
  cryptosuite: typeof cryptosuite;
  created: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
}

export type JsonObject = Record<string, unknown>;

/** Multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint). */
const ed25519PublicPrefix = Buffer.from([0xed, 0x01]);

export function generateEd25519KeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return crypto.generateKeyPairSync('ed25519');
}

/** An Ed25519 public key as Multikey `publicKeyMultibase`: base58btc of 0xed01 ‖ the 32 key bytes. */
export function publicKeyMultibase(publicKey: KeyObject): string {
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return `z${base58.encode(Buffer.concat([ed25519PublicPrefix, raw]))}`;
}

/** The inverse of publicKeyMultibase; throws on anything that is not an Ed25519 Multikey. */
export function publicKeyFromMultibase(multibase: string): KeyObject {
  if (!multibase.startsWith('z')) throw new Error('publicKeyMultibase must be base58btc (z…)');
  const bytes = Buffer.from(base58.decode(multibase.slice(1)));
  if (bytes.length !== 34 || !bytes.subarray(0, 2).equals(ed25519PublicPrefix)) throw new Error('not an Ed25519 Multikey');
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(2).toString('base64url') }, format: 'jwk' });
}

/** XSD dateTimeStamp to the second, as the VC data model writes it. */
export const dateTimeStamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest();

async function canonize(document: JsonObject, documentLoader: DocumentLoader): Promise<string> {
  return jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true });
}

/** hashData of the spec: SHA-256(canonical proof options) ‖ SHA-256(canonical document without its proof). */
async function hashData(unsecured: JsonObject, proofOptions: JsonObject, documentLoader: DocumentLoader): Promise<Buffer> {
  const [canonicalDocument, canonicalProof] = await Promise.all([
    canonize(unsecured, documentLoader),
    canonize({ ...proofOptions, '@context': unsecured['@context'] }, documentLoader),
  ]);
  return Buffer.concat([sha256(canonicalProof), sha256(canonicalDocument)]);
}

export interface SigningKey {
  /** The verification method id, e.g. `https://…/api/public/issuers/1#key-1`. */
  verificationMethod: string;
  privateKey: KeyObject;
}

/** Returns the document with a `proof` added; the document must not have one yet. */
export async function signDocument<T extends JsonObject>(
  document: T,
  key: SigningKey,
  options: { created?: Date; proofPurpose?: string; documentLoader?: DocumentLoader } = {},
): Promise<T & { proof: DataIntegrityProof }> {
  if ('proof' in document) throw new Error('The document already has a proof');
  const proofOptions = {
    type: proofType,
    cryptosuite,
    created: dateTimeStamp(options.created ?? new Date()),
    verificationMethod: key.verificationMethod,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
  } as const;
  const data = await hashData(document, proofOptions, options.documentLoader ?? contextLoader);
  const signature = crypto.sign(null, data, key.privateKey);
  return { ...document, proof: { ...proofOptions, proofValue: `z${base58.encode(signature)}` } };
}

export type ProofFailure = 'no_proof' | 'unsupported_proof' | 'wrong_purpose' | 'unknown_key' | 'malformed' | 'invalid_signature';

export type ProofVerification =
  | { verified: true; verificationMethod: string; created: string | null }
  | { verified: false; reason: ProofFailure; detail: string; verificationMethod: string | null };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one `eddsa-rdfc-2022` proof. `resolveKey` answers the public key of a verification method id
 * (null: not a key we trust). Never throws on bad input: every failure is a reason.
 */
export async function verifyDocument(
  document: unknown,
  options: {
    resolveKey: (verificationMethod: string) => Promise<KeyObject | null>;
    expectedPurpose?: string;
    documentLoader?: DocumentLoader;
  },
): Promise<ProofVerification> {
  const fail = (reason: ProofFailure, detail: string, verificationMethod: string | null = null): ProofVerification => ({
    verified: false,
    reason,
    detail,
    verificationMethod,
  });
  if (!isObject(document) || !('proof' in document)) return fail('no_proof', 'the document has no proof');
  const { proof, ...unsecured } = document;
  if (!isObject(proof)) return fail('unsupported_proof', 'only a single proof object is supported');
  if (proof.type !== proofType || proof.cryptosuite !== cryptosuite)
    return fail('unsupported_proof', `proof type ${String(proof.type)} / ${String(proof.cryptosuite)}`);
  const verificationMethod = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : null;
  if (!verificationMethod) return fail('malformed', 'proof.verificationMethod must be a URL');
  if (proof.proofPurpose !== (options.expectedPurpose ?? 'assertionMethod'))
    return fail('wrong_purpose', `proofPurpose ${String(proof.proofPurpose)}`, verificationMethod);
  if (proof.created !== undefined && (typeof proof.created !== 'string' || Number.isNaN(Date.parse(proof.created))))
    return fail('malformed', 'proof.created is not a date', verificationMethod);
  if (proof['@context'] !== undefined) {
    // A proof may carry its own @context only as a prefix of the document's (spec §3.2.2 step 3).
    const documentContexts = [unsecured['@context']].flat();
    const proofContexts = [proof['@context']].flat();
    if (!proofContexts.every((context, index) => JSON.stringify(context) === JSON.stringify(documentContexts[index]))) {
      return fail('malformed', 'proof @context does not match the document', verificationMethod);
    }
  }
  const { proofValue, ...proofOptions } = proof;
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z'))
    return fail('malformed', 'proofValue must be multibase base58btc', verificationMethod);
  let signature: Buffer;
  try {
    signature = Buffer.from(base58.decode(proofValue.slice(1)));
  } catch {
    return fail('malformed', 'proofValue is not base58btc', verificationMethod);
  }
  if (signature.length !== 64) return fail('malformed', 'an Ed25519 signature is 64 bytes', verificationMethod);
  const publicKey = await options.resolveKey(verificationMethod);
  if (!publicKey) return fail('unknown_key', `unknown verification method ${verificationMethod}`, verificationMethod);
  let data: Buffer;
  try {
    data = await hashData(unsecured, proofOptions, options.documentLoader ?? contextLoader);
  } catch (error) {
    return fail('malformed', `not valid JSON-LD: ${(error as Error).message}`, verificationMethod);
  }
  if (!crypto.verify(null, data, publicKey, signature))
    return fail('invalid_signature', 'the signature does not match the content', verificationMethod);
  return { verified: true, verificationMethod, created: typeof proof.created === 'string' ? proof.created : null };
}
