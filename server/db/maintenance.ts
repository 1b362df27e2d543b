import type { Database } from './connection.ts';

/**
 * After a bulk load: fresh planner statistics and visibility maps, so that roster lists run as
 * index-only scans. PGlite has no autovacuum, and on PostgreSQL it may not have run yet.
 * VACUUM cannot run inside a transaction, so each statement goes alone.
 */
export async function refreshStatistics(database: Database, tables: string[] = ['students', 'teachers']): Promise<void> {
  for (const table of tables) await database.execScript(`VACUUM (ANALYZE) ${table}`);
  await database.execScript('ANALYZE');
}
