import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedDemoData } from '../../server/demo/seed.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../scripts/pg-throwaway.ts';
import { templateDatabase, testDemoStudents, testMasterKey } from './constants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'pglite' | 'postgres';
    pgliteTemplate: string;
    postgresUrl: string;
  }
}

const pii = new PiiCipher(testMasterKey);

/**
 * Migrates and seeds one template database per run; every test file starts from a copy of it
 * (a PGlite data-directory dump, or CREATE DATABASE … TEMPLATE on PostgreSQL).
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.DB_KIND === 'postgres' ? 'postgres' : 'pglite';
  project.provide('dbKind', kind);
  if (kind === 'pglite') {
    const file = path.resolve('.tmp/test-template-pglite.tar.gz');
    const database = await openDatabase({});
    await migrate(database);
    await seedDemoData(database.db, pii, { students: testDemoStudents });
    const dump = await database.pglite!.dumpDataDir('gzip');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('pgliteTemplate', file);
    project.provide('postgresUrl', '');
    return;
  }
  let server: ThrowawayPostgres | null = null;
  let baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    server = await startThrowawayPostgres();
    baseUrl = server.url('postgres');
  }
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${templateDatabase}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  await migrate(database);
  await seedDemoData(database.db, pii, { students: testDemoStudents });
  await database.close();
  project.provide('pgliteTemplate', '');
  project.provide('postgresUrl', baseUrl);
  return async () => {
    await server?.stop();
  };
}
