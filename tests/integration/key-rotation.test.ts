import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { bootstrap } from '../../server/bootstrap.ts';
import { readConfig } from '../../server/config.ts';
import { sealedAt } from '../../server/modules/org/read.ts';
import { modules } from '../../server/modules/index.ts';
import { allSealedColumns, keyFileWarnings, resealAll } from '../../server/platform/key-rotation.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { demoPassword, testMasterKey } from '../support/constants.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { makeXlsx } from '../support/xlsx.ts';

/** PII ciphertexts are bound to their row, and the master key can be changed (issue 11). */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

const studentSealed = async (studentNo?: string) => {
  const [row] = await app.sql<{ id: string; id_number_enc: string; id_number_hash: string }>(
    `SELECT id, id_number_enc, id_number_hash FROM students WHERE id_number_enc IS NOT NULL ${studentNo ? `AND student_no = '${studentNo}'` : ''} ORDER BY id LIMIT 1`,
  );
  return { ...row!, id: Number(row!.id) };
};

describe('sealed values are bound to their row', () => {
  it('an ID number copied into another student’s row does not open there (the API refuses rather than show it)', async () => {
    const cipher = new PiiCipher(testMasterKey);
    const [a, b] = await app.sql<{ id: string; id_number_enc: string }>(
      'SELECT id, id_number_enc FROM students WHERE id_number_enc IS NOT NULL ORDER BY id LIMIT 2',
    );
    expect(cipher.decrypt(a!.id_number_enc, sealedAt('students', 'id_number_enc', Number(a!.id)))).toMatch(/^\d{17}[\dX]$/);
    expect(() => cipher.decrypt(a!.id_number_enc, sealedAt('students', 'id_number_enc', Number(b!.id)))).toThrow();
    expect(() => cipher.decrypt(a!.id_number_enc, sealedAt('students', 'phone_enc', Number(a!.id)))).toThrow();
    // Every sealed value of the demo is bound (v2).
    for (const sealed of allSealedColumns(modules)) {
      const value = sealed.json ? `"${sealed.column}"->>'sealed'` : `"${sealed.column}"`;
      const [unbound] = await app.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${sealed.table}" WHERE ${value} IS NOT NULL AND ${value} NOT LIKE 'v2:%'`,
      );
      expect(unbound!.n, `${sealed.table}.${sealed.column}`).toBe(0);
    }
  });
});

describe('changing the master key', () => {
  it('re-seals every sealed value and lookup hash in one go; the app on the new key reads them all, the old key none', async () => {
    const jiaowu = await app.login('jiaowu');
    // Something sealed by the platform too: an import preview (its rows) taken before the change.
    const preview = await jiaowu.upload(
      '/api/imports/departments/preview',
      'd.xlsx',
      await makeXlsx(['系部代码', '系部名称'], [['ROTA', '轮换测试系']]),
    );
    expect(preview.statusCode).toBe(201);
    const student = await studentSealed();
    const shownBefore = (await jiaowu.post(`/api/students/${student.id}/reveal`, { field: 'idNumber' })).json().value as string;
    expect(shownBefore).toMatch(/^\d{17}[\dX]$/);

    const newKey = crypto.randomBytes(32);
    const report = await resealAll(app.database, new PiiCipher(testMasterKey), new PiiCipher(newKey), allSealedColumns(modules));
    const students = report.find((entry) => entry.table === 'students' && entry.column === 'id_number_enc')!;
    expect(students.rows).toBe(await app.number('SELECT count(*)::int AS n FROM students WHERE id_number_enc IS NOT NULL', 'n'));
    expect(report.find((entry) => entry.table === 'import_batches')!.rows).toBeGreaterThanOrEqual(1);

    const after = await studentSealed();
    expect(after.id_number_enc).not.toBe(student.id_number_enc);
    expect(() => new PiiCipher(testMasterKey).decrypt(after.id_number_enc, sealedAt('students', 'id_number_enc', after.id))).toThrow();
    const newCipher = new PiiCipher(newKey);
    expect(after.id_number_hash).toBe(newCipher.lookupHash(shownBefore));
    expect(after.id_number_hash).not.toBe(student.id_number_hash);

    const rotated = await buildApp(
      { ...readConfig({} as NodeJS.ProcessEnv), dataDir: '.tmp/test-unused', loadDemoData: false },
      app.database,
      newCipher,
    );
    await rotated.fastify.ready();
    try {
      const login = await rotated.fastify.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'jiaowu', password: demoPassword },
      });
      const cookie = `sitong_session=${login.cookies.find((c) => c.name === 'sitong_session')!.value}`;
      const headers = { cookie, 'x-csrf-token': login.json().csrfToken };
      const shownAfter = await rotated.fastify.inject({
        method: 'POST',
        url: `/api/students/${student.id}/reveal`,
        headers,
        payload: { field: 'idNumber' },
      });
      expect(shownAfter.json().value).toBe(shownBefore);
      const committed = await rotated.fastify.inject({ method: 'POST', url: `/api/imports/batches/${preview.json().id}/commit`, headers });
      expect(committed.statusCode).toBe(200);
      expect(await app.number("SELECT count(*)::int AS n FROM departments WHERE code = 'ROTA'", 'n')).toBe(1);
    } finally {
      await rotated.fastify.close();
    }
  });
});

describe('npm run keys -- rotate', () => {
  it('changes the key of an install, keeps the old one aside, and the server starts on the new one', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
    let pgliteDir: string | null = null;
    // A database of its own, still under the test key (the test above changed this file's key).
    const own = app.kind === 'postgres' ? await createTestApp() : null;
    if (own) {
      env.DATABASE_URL = own.databaseUrl!;
      env.SITONG_SECRET_KEY = testMasterKey.toString('base64');
    } else {
      // An install on the embedded database: a small demo in its own data directory, with a key file.
      pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-keys-'));
      env.DATA_DIR = pgliteDir;
      delete env.SITONG_SECRET_KEY;
      delete env.DATABASE_URL;
      const started = await bootstrap({ ...readConfig(env), demoStudents: 40 });
      await started.fastify.close();
      await started.database.close();
    }
    const keyFile = pgliteDir ? path.join(pgliteDir, 'secret.key') : null;
    const oldKey = keyFile ? Buffer.from(fs.readFileSync(keyFile, 'utf8'), 'base64') : testMasterKey;
    const run = spawnSync('npx', ['tsx', 'scripts/keys.ts', 'rotate'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('students.id_number_enc');
    let newKey: Buffer;
    if (keyFile) {
      newKey = Buffer.from(fs.readFileSync(keyFile, 'utf8'), 'base64');
      expect(fs.readFileSync(`${keyFile}.previous`, 'utf8')).toBe(oldKey.toString('base64'));
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(`${keyFile}.next`)).toBe(false);
    } else {
      newKey = Buffer.from(run.stdout.trim().split('\n').at(-1)!, 'base64');
    }
    expect(newKey.length).toBe(32);
    expect(newKey.equals(oldKey)).toBe(false);

    if (keyFile) {
      const restarted = await bootstrap(readConfig(env));
      try {
        const [row] = await restarted.database.query<{ id: string; id_number_enc: string }>(
          'SELECT id, id_number_enc FROM students WHERE id_number_enc IS NOT NULL ORDER BY id LIMIT 1',
        );
        expect(restarted.context.pii.decrypt(row!.id_number_enc, sealedAt('students', 'id_number_enc', Number(row!.id)))).toMatch(
          /^\d{17}[\dX]$/,
        );
        const [audit] = await restarted.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'platform.key_rotated'",
        );
        expect(audit!.n).toBe(1);
      } finally {
        await restarted.fastify.close();
        await restarted.database.close();
        fs.rmSync(pgliteDir!, { recursive: true, force: true });
      }
    } else {
      try {
        const [row] = await own!.sql<{ id: string; id_number_enc: string }>(
          'SELECT id, id_number_enc FROM students WHERE id_number_enc IS NOT NULL ORDER BY id LIMIT 1',
        );
        const binding = sealedAt('students', 'id_number_enc', Number(row!.id));
        expect(new PiiCipher(newKey).decrypt(row!.id_number_enc, binding)).toMatch(/^\d{17}[\dX]$/);
        expect(() => new PiiCipher(testMasterKey).decrypt(row!.id_number_enc, binding)).toThrow();
        expect(await own!.number("SELECT count(*)::int AS n FROM audit_log WHERE action = 'platform.key_rotated'", 'n')).toBe(1);
      } finally {
        await own!.close();
      }
    }
  });
});

describe('where the key file is', () => {
  it('warns when it is readable by others, published, or kept with the data', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-keyfile-'));
    try {
      const keyFile = path.join(dir, 'data', 'secret.key');
      fs.mkdirSync(path.dirname(keyFile));
      fs.writeFileSync(keyFile, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
      expect(keyFileWarnings(keyFile, { dataDir: path.join(dir, 'elsewhere'), servedDirs: [path.join(dir, 'web')] })).toEqual([]);
      fs.chmodSync(keyFile, 0o644);
      expect(keyFileWarnings(keyFile, { dataDir: null, servedDirs: [] }).join()).toContain('chmod 600');
      fs.chmodSync(keyFile, 0o600);
      expect(keyFileWarnings(keyFile, { dataDir: path.join(dir, 'data'), servedDirs: [] }).join()).toContain('DATA_DIR');
      expect(keyFileWarnings(keyFile, { dataDir: null, servedDirs: [dir] }).join()).toContain('publishes');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
