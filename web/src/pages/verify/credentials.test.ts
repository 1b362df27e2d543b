import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matchIdentity, parseCredential } from './credentials.ts';

const hash = (value: string, salt: string) =>
  `sha256$${createHash('sha256')
    .update(value + salt)
    .digest('hex')}`;

describe('verify page helpers', () => {
  it('accepts only a JSON object as a credential', () => {
    expect(parseCredential('{"a": 1}')).toEqual({ a: 1 });
    for (const text of ['', '{', '[1]', '"x"', 'null', '42']) expect(parseCredential(text)).toBeNull();
  });

  it('matches a 学号 or a name against the salted identity hashes, as the server computes them', async () => {
    const credential = {
      credentialSubject: {
        identifier: [
          { type: 'IdentityObject', identityType: 'sisSourcedId', hashed: true, identityHash: hash('2024460303017', 'ab12'), salt: 'ab12' },
          { type: 'IdentityObject', identityType: 'name', hashed: true, identityHash: hash('李明', 'cd34'), salt: 'cd34' },
        ],
      },
    };
    expect(await matchIdentity(credential, '2024460303017')).toBe('match');
    expect(await matchIdentity(credential, ' 李明 ')).toBe('match');
    expect(await matchIdentity(credential, '2024460303018')).toBe('no_match');
    expect(await matchIdentity({ credentialSubject: {} }, '李明')).toBe('unavailable');
  });
});
