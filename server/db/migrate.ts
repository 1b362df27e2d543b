import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './connection.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(migrationsDir, file), 'utf8'),
    }));
}

/** Applies every migration newer than the database's version, each in its own transaction. */
export async function migrate(database: Database): Promise<{ version: number; applied: string[] }> {
  await database.execScript(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );
  `);
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    const done = await database.query<{ version: number }>('SELECT version FROM schema_migrations WHERE version = $1', [migration.version]);
    if (done.length > 0) continue;
    const escapedName = migration.name.replace(/'/g, "''");
    // One script per migration: BEGIN … COMMIT keeps a failed migration from half-applying.
    // The advisory lock serialises two servers starting on the same PostgreSQL database.
    await database
      .execScript(
        `BEGIN;
       SELECT pg_advisory_xact_lock(727274);
       ${migration.sql}
       ;
       INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, '${escapedName}');
       COMMIT;`,
      )
      .catch(async (error: unknown) => {
        await database.execScript('ROLLBACK').catch(() => undefined);
        if (String(error).includes('schema_migrations_pkey')) return; // another process applied it first
        throw error;
      });
    applied.push(migration.name);
  }
  return { version: await schemaVersion(database), applied };
}

export async function schemaVersion(database: Database): Promise<number> {
  const rows = await database.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return Number(rows[0]?.version ?? 0);
}
