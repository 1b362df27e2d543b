/**
 * Bitstring Status List v1.0 (W3C): a list of at least 131,072 bits, one per issued credential, bit 0 the
 * most significant bit of the first byte; set means the status (here: revocation) applies. Published as
 * `encodedList`: the bitstring GZIP-compressed, then multibase base64url without padding (`u…`).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { contextUrls } from './document-loader.ts';

/** The spec's minimum list size (16 KiB), which keeps a holder's index from standing out among few. */
export const minimumListBits = 131_072;

export const statusPurpose = 'revocation';

export function encodeStatusList(setIndexes: Iterable<number>, sizeBits = minimumListBits): string {
  if (!Number.isInteger(sizeBits) || sizeBits < minimumListBits || sizeBits % 8 !== 0)
    throw new RangeError(`A status list has at least ${minimumListBits} bits, a multiple of 8`);
  const bytes = Buffer.alloc(sizeBits / 8);
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= sizeBits) throw new RangeError(`Status index ${index} is outside the list`);
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

export interface DecodedStatusList {
  sizeBits: number;
  isSet(index: number): boolean;
}

/** Throws on anything that is not a GZIP-compressed, base64url-multibase list of at least the minimum size. */
export function decodeStatusList(encodedList: string): DecodedStatusList {
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url (u…)');
  const body = encodedList.slice(1);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) throw new Error('encodedList is not base64url');
  const bytes = gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: 16 * 1024 * 1024 });
  const sizeBits = bytes.length * 8;
  if (sizeBits < minimumListBits) throw new Error(`the list has ${sizeBits} bits, fewer than ${minimumListBits}`);
  return {
    sizeBits,
    isSet(index: number) {
      if (!Number.isInteger(index) || index < 0 || index >= sizeBits) throw new RangeError(`Status index ${index} is outside the list`);
      return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
    },
  };
}

/** The `credentialStatus` of a credential at `index` of the list published at `listUrl`. */
export function statusListEntry(listUrl: string, index: number) {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/** The unsigned BitstringStatusListCredential for a list. */
export function statusListCredential(input: { listUrl: string; issuer: string; validFrom: string; encodedList: string }) {
  return {
    '@context': [contextUrls.credentialsV2],
    id: input.listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: input.validFrom,
    credentialSubject: { id: `${input.listUrl}#list`, type: 'BitstringStatusList', statusPurpose, encodedList: input.encodedList },
  };
}
