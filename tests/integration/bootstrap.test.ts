import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { bootstrap } from '../../server/bootstrap.ts';
import { readConfig } from '../../server/config.ts';
import { demoAccountList } from '../../server/demo/accounts.ts';

const kind = inject('dbKind');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-bootstrap-'));
const createdDatabases: string[] = [];

/** On PostgreSQL each start gets an empty database of the throw-away server (as a fresh install would); on PGlite, the data directory. */
async function environment(directory: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { DATA_DIR: directory, DEMO_STUDENTS: '90' };
  if (kind === 'postgres') {
    const name = `boot_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    createdDatabases.push(name);
    const url = new URL(inject('postgresUrl'));
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  }
  return env;
}

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (createdDatabases.length === 0) return;
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  for (const name of createdDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('starting on a data directory', () => {
  it('migrates and loads demo data once; a second start keeps the data and loads nothing twice', async () => {
    const config = { ...readConfig(await environment(dataDir)) };
    const first = await bootstrap(config);
    expect(first.demoAccounts.length).toBe(12);
    const count = async (started: typeof first) =>
      (await started.database.query<{ n: number }>('SELECT count(*)::int AS n FROM students'))[0]!.n;
    const studentsAfterFirst = await count(first);
    expect(studentsAfterFirst).toBe(90 + 40);
    const seededPeople = await fingerprint(first.database);
    // The logins printed at start (demoAccountList) and listed in the README are the accounts seeded, with their roles.
    const seededLogins = await first.database.query<{ username: string; role: string }>(
      'SELECT u.username, g.role FROM users u JOIN role_grants g ON g.user_id = u.id ORDER BY u.username',
    );
    expect(seededLogins).toEqual(
      [...demoAccountList].map(({ username, role }) => ({ username, role })).sort((a, b) => a.username.localeCompare(b.username)),
    );
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const { username } of demoAccountList) expect(readme).toContain(`| \`${username}\` |`);
    await first.database.execScript("UPDATE students SET name = '保留的修改' WHERE student_no = (SELECT min(student_no) FROM students)");
    await first.fastify.close();
    await first.database.close();

    const second = await bootstrap(config);
    expect(second.demoAccounts).toEqual([]);
    expect(await count(second)).toBe(studentsAfterFirst);
    const kept = await second.database.query<{ n: number }>("SELECT count(*)::int AS n FROM students WHERE name = '保留的修改'");
    expect(kept[0]!.n).toBe(1);
    const health = await second.fastify.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: kind, migrationVersion: second.migrationVersion });
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(true);
    await second.fastify.close();
    await second.database.close();

    // Another data directory, another master key: the generator's fixed seed gives the same people.
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-bootstrap-other-'));
    try {
      const elsewhere = await bootstrap({ ...readConfig(await environment(otherDir)) });
      expect(await fingerprint(elsewhere.database)).toBe(seededPeople);
      await elsewhere.fastify.close();
      await elsewhere.database.close();
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  }, 180_000);
});

/** Who the generated students and teachers are (numbers, names, cohorts, majors, masked ID numbers and phones), as one digest. */
async function fingerprint(database: { query<T>(sql: string): Promise<T[]> }): Promise<string> {
  const [students] = await database.query<{ digest: string }>(
    "SELECT md5(string_agg(concat_ws('|', student_no, name, gender, cohort_year, major_id, id_number_masked, phone_masked), ',' ORDER BY student_no)) AS digest FROM students",
  );
  const [teachers] = await database.query<{ digest: string }>(
    "SELECT md5(string_agg(concat_ws('|', staff_no, name, title, is_dual_qualified, id_number_masked, phone_masked), ',' ORDER BY staff_no)) AS digest FROM teachers",
  );
  return `${students!.digest}/${teachers!.digest}`;
}
