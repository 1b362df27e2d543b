/**
 * `npm run backup -- FILE` / `npm run restore -- FILE`: one .tar.gz holding the database (PGlite: its
 * data directory dump; PostgreSQL: `pg_dump -Fc` from Debian's client) and the attachment files under
 * DATA_DIR/files, with a manifest of row counts that the restore checks. The master key is never in
 * it: a backup and its key are kept apart (restore on a server that has the key, or set SITONG_SECRET_KEY).
 * Stop the server first (PGlite allows one process on its data directory).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import type { AppConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/connection.ts';
import { schemaVersion } from '../db/migrate.ts';

export interface BackupManifest {
  format: 'sitong-backup';
  version: 1;
  database: 'pglite' | 'postgres';
  createdAt: string;
  schemaVersion: number;
  rowCounts: Record<string, number>;
}

/** Rows per table of the public schema, the measure a restore must reproduce. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await database.query<{ n: number | string }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts[name] = Number(row!.n);
  }
  return counts;
}

const pgliteDir = (config: Pick<AppConfig, 'dataDir'>) => path.join(config.dataDir, 'pglite');
const filesDir = (config: Pick<AppConfig, 'dataDir'>) => path.join(config.dataDir, 'files');

export async function backup(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>, file: string): Promise<BackupManifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-backup-'));
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: pgliteDir(config), poolSize: 2 });
    let manifest: BackupManifest;
    try {
      manifest = {
        format: 'sitong-backup',
        version: 1,
        database: database.kind,
        createdAt: new Date().toISOString(),
        schemaVersion: await schemaVersion(database),
        rowCounts: await rowCounts(database),
      };
      if (database.kind === 'pglite') {
        const dump = await database.pglite!.dumpDataDir('gzip');
        fs.writeFileSync(path.join(work, 'database.tar.gz'), Buffer.from(await dump.arrayBuffer()));
      }
    } finally {
      await database.close();
    }
    if (manifest.database === 'postgres')
      execFileSync('pg_dump', ['--format=custom', '--no-owner', '--file', path.join(work, 'database.dump'), config.databaseUrl!], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const entries = fs.readdirSync(work);
    if (fs.existsSync(filesDir(config))) {
      fs.cpSync(filesDir(config), path.join(work, 'files'), { recursive: true });
      entries.push('files');
    }
    await tar.create({ gzip: true, file, cwd: work, portable: true }, entries);
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export class RestoreRefused extends Error {}

/** Restores into an empty install (no PGlite data directory / an empty PostgreSQL database) and checks the row counts. */
export async function restore(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>, file: string): Promise<BackupManifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-restore-'));
  try {
    await tar.extract({ file, cwd: work });
    const manifest = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8')) as BackupManifest;
    if (manifest.format !== 'sitong-backup' || manifest.version !== 1) throw new RestoreRefused('Not a Sitong backup (manifest.json)');
    const target = config.databaseUrl ? 'postgres' : 'pglite';
    if (manifest.database !== target)
      throw new RestoreRefused(`The backup holds a ${manifest.database} database; this install uses ${target} (DATABASE_URL)`);
    if (target === 'pglite') {
      if (fs.existsSync(pgliteDir(config)) && fs.readdirSync(pgliteDir(config)).length > 0)
        throw new RestoreRefused(`${pgliteDir(config)} is not empty: restore into a new DATA_DIR`);
      const dump = fs.readFileSync(path.join(work, 'database.tar.gz'));
      const database = await openDatabase({ dataDir: pgliteDir(config), loadDataDir: new Blob([dump]) });
      await database.close();
    } else {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 });
      try {
        const [{ n }] = (await database.query<{ n: number | string }>(
          "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'",
        )) as [{ n: number | string }];
        if (Number(n) > 0) throw new RestoreRefused('The database named by DATABASE_URL is not empty: restore into a new database');
      } finally {
        await database.close();
      }
      execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', config.databaseUrl!, path.join(work, 'database.dump')], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    }
    if (fs.existsSync(path.join(work, 'files'))) fs.cpSync(path.join(work, 'files'), filesDir(config), { recursive: true });
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: pgliteDir(config), poolSize: 2 });
    try {
      const counts = await rowCounts(database);
      const differing = Object.keys({ ...manifest.rowCounts, ...counts }).filter((table) => counts[table] !== manifest.rowCounts[table]);
      if (differing.length > 0) throw new Error(`Restored row counts differ from the backup's in: ${differing.join(', ')}`);
    } finally {
      await database.close();
    }
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
