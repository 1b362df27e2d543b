import { gzipSync } from 'node:zlib';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { describe, expect, it } from 'vitest';
import { decodeStatusList, encodeStatusList, minimumListBits, statusListCredential, statusListEntry } from './status-list.ts';

describe('Bitstring Status List encoding', () => {
  it('round-trips the set positions of a 131,072-bit list, and only those', () => {
    const set = [0, 7, 8, 42, 65_535, minimumListBits - 1];
    const list = decodeStatusList(encodeStatusList(set));
    expect(list.sizeBits).toBe(minimumListBits);
    for (const index of set) expect(list.isSet(index)).toBe(true);
    for (const index of [1, 6, 9, 41, 43, 65_534, minimumListBits - 2]) expect(list.isSet(index)).toBe(false);
  });

  it('is multibase base64url (u…, no padding) of GZIP data; an empty list compresses to a few dozen bytes', () => {
    const encoded = encodeStatusList([]);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(Buffer.from(encoded.slice(1), 'base64url').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(encoded.length).toBeLessThan(200);
  });

  it('puts index 0 in the most significant bit of the first byte, as the reference implementation reads it', async () => {
    const set = [0, 3, 9, 100_000];
    const reference = await decodeList({ encodedList: encodeStatusList(set) });
    expect(reference.length).toBe(minimumListBits);
    for (const index of [0, 1, 2, 3, 4, 8, 9, 10, 99_999, 100_000, 100_001])
      expect(reference.getStatus(index), `index ${index}`).toBe(set.includes(index));
  });

  it('refuses lists that are too short, not multibase, not GZIP, and positions outside the list', () => {
    expect(() => encodeStatusList([], 1024)).toThrow(/at least 131072/);
    expect(() => encodeStatusList([minimumListBits])).toThrow(/outside/);
    expect(() => encodeStatusList([-1])).toThrow(/outside/);
    expect(() => decodeStatusList('zabc')).toThrow(/base64url/);
    expect(() => decodeStatusList('u$$$')).toThrow(/base64url/);
    expect(() => decodeStatusList(`u${Buffer.from('not gzip').toString('base64url')}`)).toThrow();
    const short = `u${gzipSync(Buffer.alloc(100)).toString('base64url')}`;
    expect(() => decodeStatusList(short)).toThrow(/fewer than/);
    expect(() => decodeStatusList(encodeStatusList([])).isSet(minimumListBits)).toThrow(/outside/);
  });

  it('builds the entry and the list credential in the shapes of the spec', () => {
    const url = 'https://example.edu/api/public/status-lists/0b6d7c1e-4d1b-4c55-9d0e-2f5a5d9c1a10';
    expect(statusListEntry(url, 94567)).toEqual({
      id: `${url}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: url,
    });
    const credential = statusListCredential({
      listUrl: url,
      issuer: 'https://example.edu/api/public/issuers/1',
      validFrom: '2026-01-01T00:00:00Z',
      encodedList: 'uH4sI',
    });
    expect(credential.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(credential.credentialSubject).toEqual({
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: 'uH4sI',
    });
  });
});
