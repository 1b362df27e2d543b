/** Small SQL helpers every module uses (one place instead of a copy per file). */
import { sql } from 'drizzle-orm';

/** The rows of a `db.execute(sql…)` result (node-postgres and PGlite both answer `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** `count(*)` as a JS number (a bigint count would come back as a string or a bigint). */
export const countAll = () => sql<number>`count(*)::int`;
