import { describe, expect, it } from 'vitest';
import { lockStatement, sqlLiteral } from './connection.ts';

describe('lockStatement (advisory locks of the selection hot path)', () => {
  it('takes one lock with a plain call', () => {
    expect(lockStatement([7301, 42])).toBe('SELECT pg_advisory_xact_lock(7301, 42)');
  });

  it('takes several locks in one statement, sorted and without repeats, so overlapping batches cannot deadlock', () => {
    expect(lockStatement([7301, 9], [7301, 3], [7300, 50], [7301, 9])).toBe(
      'SELECT count(pg_advisory_xact_lock(a, b)) FROM (VALUES (7300, 50), (7301, 3), (7301, 9)) AS locks(a, b)',
    );
  });

  it('folds a large id into the int4 key range and refuses what is not an integer', () => {
    expect(lockStatement([1, 2147483647 + 5])).toBe('SELECT pg_advisory_xact_lock(1, 5)');
    expect(() => lockStatement([1, Number.NaN])).toThrow('integers');
    expect(() => lockStatement([1, 2 ** 60])).toThrow('integers');
  });
});

describe('sqlLiteral', () => {
  it('quotes strings, doubles quotes and backslashes, and writes objects as jsonb', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(sqlLiteral([{ student: 1, request: "x'y" }])).toBe(`'[{"student":1,"request":"x''y"}]'::jsonb`);
    expect(sqlLiteral(null)).toBe('NULL');
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow();
    expect(() => sqlLiteral('a\0b')).toThrow();
  });
});
