import { describe, expect, it } from 'vitest';
import { passwordProblem } from './auth.ts';

describe('password policy', () => {
  it('needs 10 characters, not the user name or 学号, and not a common password', () => {
    expect(passwordProblem('Short1!', ['jiaowu'])).toBe('too_short');
    expect(passwordProblem('2025430401001abc', ['2025430401001'])).toBe('is_username');
    expect(passwordProblem('My-JiaoWu-2026', ['jiaowu'])).toBe('is_username');
    expect(passwordProblem('woaini1314', ['someone'])).toBe('too_common');
    expect(passwordProblem('QWERTY1234', ['someone'])).toBe('too_common');
    expect(passwordProblem('1234567890', ['someone'])).toBe('too_common');
    expect(passwordProblem('钢铁冶金-炉前-2026', ['jiaowu'])).toBeNull();
    expect(passwordProblem('correct horse battery', ['jiaowu', null])).toBeNull();
  });
});
