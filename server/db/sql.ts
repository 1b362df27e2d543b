/** Small SQL helpers every module uses (one place instead of a copy per file). */
import { sql } from 'drizzle-orm';
import type { Db } from './connection.ts';

/** The rows of a `db.execute(sql…)` result (node-postgres and PGlite both answer `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** `count(*)` as a JS number (a bigint count would come back as a string or a bigint). */
export const countAll = () => sql<number>`count(*)::int`;

/**
 * Ids for rows about to be inserted (with `overridingSystemValue()`), drawn from the table's identity
 * sequence: values sealed for a row are bound to its id, which must be known before the INSERT.
 */
export async function allocateIds(db: Pick<Db, 'execute'>, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await db.execute(sql`SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id FROM generate_series(1, ${count})`);
  return rowsOf<{ id: string | number }>(result).map((row) => Number(row.id));
}
