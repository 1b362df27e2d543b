import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Queries import the tables they use (relational queries through a registered schema are not used). */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs raw SQL text that may hold several statements (migrations). */
  execScript(sqlText: string): Promise<void>;
  /**
   * Runs one parameterised statement and returns its rows. `preparedAs` names the statement on a
   * PostgreSQL server so each connection plans it once (for statements every request runs).
   */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[], options?: { preparedAs?: string }): Promise<T[]>;
  /**
   * A hot-path transaction in two round trips: BEGIN + advisory locks on `locks` + the `prelude`
   * read (which therefore sees everything committed before the lock was granted); then `decide`
   * looks at the prelude's rows (it may run extra queries) and returns the closing write, sent
   * together with COMMIT. Both texts are parameterless: values are written in with `sqlLiteral`.
   * For course selection, where every round trip counts; everything else uses `db.transaction`.
   */
  lockedTransaction(
    locks: ReadonlyArray<readonly [number, number]>,
    prelude: string,
    decide: (preludeRows: Record<string, unknown>[], query: RawQuery) => Promise<string | null>,
  ): Promise<{ preludeRows: Record<string, unknown>[]; closingRows: Record<string, unknown>[] }>;
  close(): Promise<void>;
  /** Only for PGlite: a tarball of the data directory (used to clone migrated test databases). */
  pglite?: PGlite;
}

export type RawQuery = <T = Record<string, unknown>>(sqlText: string, params?: unknown[]) => Promise<T[]>;

/**
 * `SELECT pg_advisory_xact_lock(space, key)` for locks written as [space, id]. Several locks are taken
 * in one statement, in sorted order, so two transactions taking overlapping sets cannot deadlock.
 */
export function lockStatement(...locks: ReadonlyArray<readonly [number, number]>): string {
  const keys = locks.map((lock) => {
    const [space, key] = lock.map((part) => Math.trunc(part));
    if (!Number.isSafeInteger(space) || !Number.isSafeInteger(key)) throw new Error('Advisory lock keys must be integers');
    // Two int4 keys; a bigint id is folded into the int4 range (a collision only serialises two students).
    return [space! | 0, key! % 2147483647] as const;
  });
  const unique = [...new Map(keys.map((key) => [`${key[0]}:${key[1]}`, key])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (unique.length === 1) return `SELECT pg_advisory_xact_lock(${unique[0]![0]}, ${unique[0]![1]})`;
  return `SELECT count(pg_advisory_xact_lock(a, b)) FROM (VALUES ${unique.map(([a, b]) => `(${a}, ${b})`).join(', ')}) AS locks(a, b)`;
}

/**
 * A value written into SQL text as a literal, for the parameterless statements of a hot path:
 * numbers must be finite, strings are quoted with quotes doubled (and E'' with doubled
 * backslashes when they hold one), objects become jsonb.
 */
/**
 * `column IN (…)` with the whole list as one JSON parameter: one bind however long the list
 * (drizzle's inArray binds one parameter per value, which costs more than the query past a few thousand).
 */
export function inJsonList(column: SQLWrapper, values: ReadonlyArray<number>, type: 'bigint'): SQL;
export function inJsonList(column: SQLWrapper, values: ReadonlyArray<string>, type: 'text'): SQL;
export function inJsonList(column: SQLWrapper, values: ReadonlyArray<number | string>, type: 'bigint' | 'text'): SQL {
  const list = JSON.stringify(values);
  return type === 'bigint'
    ? sql`${column} IN (SELECT jsonb_array_elements_text(${list}::jsonb)::bigint)`
    : sql`${column} IN (SELECT jsonb_array_elements_text(${list}::jsonb))`;
}

export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('Non-finite number in SQL literal');
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') return `${sqlLiteral(JSON.stringify(value))}::jsonb`;
  const text = String(value);
  if (text.includes('\0')) throw new Error('NUL in SQL literal');
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return text.includes('\\') ? `E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; undefined means in-memory. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (fast test databases). */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir, options.loadDataDir);
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob | File): Promise<Database> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = await PGlite.create({
    dataDir,
    loadDataDir,
  });
  const db = drizzlePglite(client) as unknown as Db;
  const prepared = new PglitePrepared(client);
  // PGlite has no autovacuum, whose ANALYZE makes PostgreSQL plan again as tables grow: a plan cached while
  // a table was small (a PL/pgSQL function's, a prepared statement's, a foreign-key check's) would stay in
  // use however large it grew. Every 10 s the cached plans are dropped and made again on their next use,
  // from the tables' current sizes (0.15 ms).
  const replan = setInterval(() => void client.exec('DISCARD PLANS').catch(() => undefined), 10_000);
  replan.unref();
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async execScript(sqlText) {
      await client.exec(sqlText);
    },
    async query<T>(sqlText: string, params: unknown[] = [], options: { preparedAs?: string } = {}) {
      if (options.preparedAs && params.every(isPlainParameter)) return (await prepared.run(options.preparedAs, sqlText, params)) as T[];
      const result = await client.query<T>(sqlText, params);
      return result.rows;
    },
    lockedTransaction(locks, prelude, decide) {
      return client.transaction(async (tx) => {
        const opened = await tx.exec(`${lockStatement(...locks)}; ${prelude}`);
        const preludeRows = (opened[opened.length - 1]?.rows ?? []) as Record<string, unknown>[];
        const closing = await decide(preludeRows, async (sqlText, params = []) => (await tx.query(sqlText, params)).rows as never);
        const closed = closing ? await tx.exec(closing) : [];
        return { preludeRows, closingRows: (closed[0]?.rows ?? []) as Record<string, unknown>[] };
      });
    },
    async close() {
      clearInterval(replan);
      await client.close();
    },
  };
}

/** A parameter that `EXECUTE` can take as a quoted literal (text, a number, a boolean or NULL). */
const isPlainParameter = (value: unknown) =>
  value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * Named statements on PGlite, for the statements every request runs (`preparedAs`). PGlite's query()
 * sends an unnamed statement, parsed and planned afresh each time, in six calls into the database; here
 * the text is `PREPARE`d once per database (the name is the caller's, one text per name, as on a
 * PostgreSQL server) and each run is one `EXECUTE name('…', …)`, its values written as quoted literals
 * that the statement's parameter types read (measured for the session lookup: 0.8 → 0.2 ms).
 */
class PglitePrepared {
  private readonly texts = new Map<string, string>();
  private readonly ready = new Map<string, Promise<unknown>>();
  constructor(private readonly client: PGlite) {}

  async run(name: string, text: string, params: unknown[]): Promise<unknown[]> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Prepared statement name must be an identifier: ${name}`);
    const known = this.texts.get(name);
    if (known !== undefined && known !== text) throw new Error(`Prepared statement ${name} was prepared with another text`);
    if (known === undefined) {
      this.texts.set(name, text);
      const preparing = this.client.exec(`PREPARE ${name} AS ${text}`);
      this.ready.set(name, preparing);
      preparing.catch(() => {
        this.texts.delete(name);
        this.ready.delete(name);
      });
    }
    await this.ready.get(name);
    const values = params.map((value) => (value === null || value === undefined ? 'NULL' : sqlLiteral(String(value))));
    const results = await this.client.exec(values.length > 0 ? `EXECUTE ${name}(${values.join(', ')})` : `EXECUTE ${name}`);
    return results[0]?.rows ?? [];
  }
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<Database> {
  // bigint (int8) ids and counts come back as JS numbers: our ids stay far below 2^53.
  pg.types.setTypeParser(20, (value) => Number(value));
  pg.types.setTypeParser(1700, (value) => Number(value));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle client whose server connection drops (restart, failover) emits 'error' on the pool;
  // without a listener that would crash the process. The pool replaces the client on next use.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL idle client error: ${error.message}`);
  });
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async execScript(sqlText) {
      await pool.query(sqlText);
    },
    async query<T>(sqlText: string, params: unknown[] = [], options: { preparedAs?: string } = {}) {
      const result = options.preparedAs
        ? await pool.query({ name: options.preparedAs, text: sqlText, values: params })
        : await pool.query(sqlText, params);
      return result.rows as T[];
    },
    async lockedTransaction(locks, prelude, decide) {
      const client = await pool.connect();
      try {
        const opened = (await client.query(`BEGIN; ${lockStatement(...locks)}; ${prelude}`)) as unknown as pg.QueryResult[];
        const preludeRows = opened[opened.length - 1]!.rows;
        const closing = await decide(preludeRows, async (sqlText, params = []) => (await client.query(sqlText, params)).rows);
        const closed = (await client.query(closing ? `${closing}; COMMIT` : 'COMMIT')) as unknown as pg.QueryResult | pg.QueryResult[];
        const closingRows = closing && Array.isArray(closed) ? closed[0]!.rows : [];
        return { preludeRows, closingRows };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
