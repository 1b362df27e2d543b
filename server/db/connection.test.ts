import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lockStatement, openDatabase, sqlLiteral, type Database } from './connection.ts';

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

describe('named statements on PGlite (preparedAs)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
    await database.execScript(`CREATE TABLE t (id bigint PRIMARY KEY, name text, flag boolean);
      INSERT INTO t VALUES (1, 'O''Brien', true), (2, 'a\\b', false), (3, '学生', NULL), (9007199254740, NULL, true);`);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('answers as the unnamed statement does, with quotes, backslashes, NULL, numbers and booleans as values', async () => {
    const text = 'SELECT id, name, flag FROM t WHERE (name = $1 OR $1 IS NULL) AND id >= $2 AND (flag = $3 OR $3 IS NULL) ORDER BY id';
    for (const params of [
      ["O'Brien", 0, true],
      ['a\\b', 2, null],
      ['学生', 1, null],
      [null, 2, true],
      [null, 0, null],
    ]) {
      const prepared = await database.query(text, params, { preparedAs: 'test_lookup' });
      expect(prepared).toEqual(await database.query(text, params));
      expect(prepared.length).toBeGreaterThan(0);
    }
  });

  it('refuses a second text under one name, and a failed PREPARE leaves the name free', async () => {
    await expect(database.query('SELECT 1 AS one', [], { preparedAs: 'test_lookup' })).rejects.toThrow('another text');
    await expect(database.query('SELEC 1', [], { preparedAs: 'test_broken' })).rejects.toThrow();
    expect(await database.query('SELECT 2 AS two', [], { preparedAs: 'test_broken' })).toEqual([{ two: 2 }]);
    await expect(database.query('SELECT 1', [], { preparedAs: 'bad name' })).rejects.toThrow('identifier');
  });

  it('sends a statement with a value EXECUTE cannot take as a literal (an array) unnamed', async () => {
    expect(
      await database.query('SELECT count(*)::int AS n FROM t WHERE id = ANY($1::bigint[])', [[1, 2]], { preparedAs: 'test_any' }),
    ).toEqual([{ n: 2 }]);
  });
});

describe('cached plans on PGlite (it has no autovacuum to make them again)', () => {
  it('drops them every 10 s: a statement planned while its table was empty reads it by index once it has grown', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const database = await openDatabase({});
    try {
      await database.execScript(
        'CREATE TABLE grows (id bigint PRIMARY KEY, v text); ANALYZE grows; PREPARE lookup AS SELECT v FROM grows WHERE id = $1',
      );
      const scans = async () => {
        const count = async () =>
          (
            await database.query<{ seq_scan: number; idx_scan: number }>(
              "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'grows'",
            )
          )[0]!;
        const before = await count();
        await database.execScript('EXECUTE lookup(5)');
        const after = await count();
        return { seq: Number(after.seq_scan) - Number(before.seq_scan), index: Number(after.idx_scan) - Number(before.idx_scan) };
      };
      for (let run = 0; run < 6; run++) await scans();
      await database.execScript("INSERT INTO grows SELECT g, 'x' FROM generate_series(1, 20000) g");
      // The plan made for the empty table is still the one in use.
      expect(await scans()).toEqual({ seq: 1, index: 0 });
      vi.advanceTimersByTime(10_000);
      expect(await scans()).toEqual({ seq: 0, index: 1 });
    } finally {
      await database.close();
      vi.useRealTimers();
    }
  }, 60_000);
});
