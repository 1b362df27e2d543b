import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { bootstrap } from '../../server/bootstrap.ts';
import { readConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/connection.ts';
import { rowCounts } from '../../server/platform/backup.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { demoPassword, testMasterKey } from '../support/constants.ts';
import { createTestApp } from '../support/test-app.ts';
import { emptyPostgresDatabase } from '../support/empty-postgres.ts';

/** Durability (issue 11): npm run backup / npm run restore, round trip into a fresh install. */
const pii = new PiiCipher(testMasterKey);
const run = (script: 'backup' | 'restore', file: string, env: NodeJS.ProcessEnv) =>
  spawnSync('npx', ['tsx', `scripts/${script}.ts`, file], { env, encoding: 'utf8', timeout: 180_000 });

/** Signs in as 教务 on the restored data and asks the credit bank to verify its ledger. */
async function loginAndVerifyLedger(database: Database) {
  const { fastify } = await buildApp(
    { ...readConfig({} as NodeJS.ProcessEnv), dataDir: '.tmp/test-unused', loadDemoData: false },
    database,
    pii,
  );
  await fastify.ready();
  try {
    const login = await fastify.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jiaowu', password: demoPassword } });
    expect(login.statusCode).toBe(200);
    const cookie = `sitong_session=${login.cookies.find((c) => c.name === 'sitong_session')!.value}`;
    const ledger = await fastify.inject({ method: 'GET', url: '/api/creditbank/ledger/verify', headers: { cookie } });
    expect(ledger.json()).toMatchObject({ intact: true, problems: [] });
    expect(ledger.json().entries).toBeGreaterThan(0);
    // Sealed personal data opens with the key kept apart from the backup.
    const student = (await fastify.inject({ method: 'GET', url: '/api/students?pageSize=1', headers: { cookie } })).json().items[0];
    const shown = await fastify.inject({
      method: 'POST',
      url: `/api/students/${student.id}/reveal`,
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      payload: { field: 'idNumber' },
    });
    expect(shown.json().value).toMatch(/^\d{17}[\dX]$/);
  } finally {
    await fastify.close();
  }
}

describe('backup and restore', () => {
  it('round trip into a fresh install: every table’s row count equal, the ledger verifies, a login works, files come back', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-backup-test-'));
    const file = path.join(work, 'sitong-backup.tar.gz');
    const env: NodeJS.ProcessEnv = { ...process.env, SITONG_SECRET_KEY: testMasterKey.toString('base64'), LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const sourceDir = path.join(work, 'source');
    const targetDir = path.join(work, 'target');
    let source: Database;
    let cleanUp = async () => {};
    try {
      if (inject('dbKind') === 'postgres') {
        const app = await createTestApp();
        expect((await (await app.login('jiaowu')).post('/api/creditbank/sync')).statusCode).toBe(200);
        source = app.database;
        env.DATABASE_URL = app.databaseUrl!;
        cleanUp = () => app.close();
      } else {
        const started = await bootstrap({ ...readConfig({ DATA_DIR: sourceDir } as NodeJS.ProcessEnv), demoStudents: 60 }, { pii });
        const login = await started.fastify.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'jiaowu', password: demoPassword },
        });
        const headers = {
          cookie: `sitong_session=${login.cookies.find((c) => c.name === 'sitong_session')!.value}`,
          'x-csrf-token': login.json().csrfToken,
        };
        expect((await started.fastify.inject({ method: 'POST', url: '/api/creditbank/sync', headers })).statusCode).toBe(200);
        await started.fastify.close();
        await started.database.close();
        source = await openDatabase({ dataDir: path.join(sourceDir, 'pglite') });
      }
      // The credit bank's ledger has entries to verify: the demo's granted claims, synced.
      const before = await rowCounts(source);
      expect(before.ledger_entries).toBeGreaterThan(0);
      if (inject('dbKind') === 'pglite') await source.close();
      // An attachment's bytes under DATA_DIR/files.
      const attachment = path.join(sourceDir, 'files', 'ab', 'ab12');
      fs.mkdirSync(path.dirname(attachment), { recursive: true });
      fs.writeFileSync(attachment, 'scan of a certificate');

      const made = run('backup', file, { ...env, DATA_DIR: sourceDir });
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toContain('主密钥不在其中');
      const listing = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' }).stdout.split('\n');
      expect(listing).toContain('manifest.json');
      expect(listing.some((entry) => /secret\.key/.test(entry))).toBe(false);

      const target = inject('dbKind') === 'postgres' ? await emptyPostgresDatabase('restore') : null;
      const targetEnv = { ...env, DATA_DIR: targetDir, ...(target ? { DATABASE_URL: target.url } : {}) };
      try {
        const restored = run('restore', file, targetEnv);
        expect(restored.status, restored.stderr).toBe(0);
        expect(restored.stdout).toContain('逐表核对一致');
        // Restoring over data that is there is refused and changes nothing.
        const again = run('restore', file, targetEnv);
        expect(again.status).toBe(1);
        expect(again.stderr).toMatch(/not empty/);
        expect(fs.readFileSync(path.join(targetDir, 'files', 'ab', 'ab12'), 'utf8')).toBe('scan of a certificate');

        const restoredDatabase = target
          ? await openDatabase({ databaseUrl: target.url })
          : await openDatabase({ dataDir: path.join(targetDir, 'pglite') });
        try {
          expect(await rowCounts(restoredDatabase)).toEqual(before);
          await loginAndVerifyLedger(restoredDatabase);
        } finally {
          await restoredDatabase.close();
        }
      } finally {
        await target?.drop();
      }
    } finally {
      await cleanUp();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
