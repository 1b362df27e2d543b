import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap } from './bootstrap.ts';
import { readConfig } from './config.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-bootstrap-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('starting on a data directory', () => {
  it('migrates and loads demo data once; a second start keeps the data and loads nothing twice', async () => {
    const config = { ...readConfig({ DATA_DIR: dataDir, DEMO_STUDENTS: '90' } as NodeJS.ProcessEnv) };
    const first = await bootstrap(config);
    expect(first.demoAccounts.length).toBe(12);
    const count = async (started: typeof first) => (await started.database.query<{ n: number }>('SELECT count(*)::int AS n FROM students'))[0]!.n;
    const studentsAfterFirst = await count(first);
    expect(studentsAfterFirst).toBe(90 + 40);
    await first.database.execScript("UPDATE students SET name = '保留的修改' WHERE student_no = (SELECT min(student_no) FROM students)");
    await first.fastify.close();
    await first.database.close();

    const second = await bootstrap(config);
    expect(second.demoAccounts).toEqual([]);
    expect(await count(second)).toBe(studentsAfterFirst);
    const kept = await second.database.query<{ n: number }>("SELECT count(*)::int AS n FROM students WHERE name = '保留的修改'");
    expect(kept[0]!.n).toBe(1);
    const health = await second.fastify.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: 'pglite', migrationVersion: second.migrationVersion });
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(true);
    await second.fastify.close();
    await second.database.close();
  }, 120_000);
});
