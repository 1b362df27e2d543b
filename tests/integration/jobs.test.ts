import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../server/modules/index.ts';
import { flakyCalls, sampleModule } from '../support/sample-module.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

let app: TestApp;
let admin: TestClient;
let jiaowu: TestClient;

beforeAll(async () => {
  app = await createTestApp({}, { modules: [...modules, sampleModule], scheduler: { backoffBaseMs: 40 } });
  admin = await app.login('admin');
  jiaowu = await app.login('jiaowu');
});
afterAll(async () => {
  await app?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a module registered only through its manifest', () => {
  it('gets its routes, policy, messages and jobs', async () => {
    const zh = await jiaowu.get('/api/sample/hello');
    expect(zh.statusCode).toBe(200);
    expect(zh.json().message).toBe('你好，教务处 王老师');
    expect((await jiaowu.get('/api/sample/hello', { headers: { 'accept-language': 'en' } })).json().message).toBe('Hello, 教务处 王老师');
    // The policy row: 教务 holds sample.read, a teacher does not.
    expect((await (await app.login('teacher')).get('/api/sample/hello')).statusCode).toBe(403);
    expect((await jiaowu.get('/api/auth/me')).json().actions).toContain('sample.read');
    const document = (await app.anonymous.get('/api/openapi.json')).json();
    expect(Object.keys(document.paths)).toContain('/api/sample/hello');
    const jobs = (await admin.get('/api/admin/jobs')).json() as Array<{ name: string; module: string; schedule: string }>;
    expect(jobs.find((job) => job.name === 'sample.tick')).toMatchObject({ module: 'sample', schedule: 'every 1s' });
    const [row] = await app.sql<{ module: string }>("SELECT module FROM jobs WHERE name = 'sample.tick'");
    expect(row!.module).toBe('sample');
    // Its workbench provider is called; when it throws, the workbench says so and still answers.
    const workbench = await jiaowu.get('/api/me/workbench');
    expect(workbench.statusCode).toBe(200);
    expect(workbench.json().cards).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'sample.unavailable', tone: 'warning' })]),
    );
  });

  it('the app without it has none of that', async () => {
    const plain = await createTestApp();
    try {
      const client = await plain.login('jiaowu');
      expect((await client.get('/api/sample/hello')).statusCode).toBe(404);
      expect(
        ((await (await plain.login('admin')).get('/api/admin/jobs')).json() as Array<{ name: string }>).map((job) => job.name),
      ).not.toContain('sample.tick');
    } finally {
      await plain.close();
    }
  });
});

describe('the scheduler', () => {
  it('the lottery draw and the credit-bank sync are jobs of their modules', async () => {
    const jobs = (await admin.get('/api/admin/jobs')).json() as Array<{ name: string; module: string; schedule: string }>;
    expect(jobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'courses.draw_due_windows', module: 'courses', schedule: 'every 60s' }),
        expect.objectContaining({ name: 'creditbank.course_credits', module: 'creditbank', schedule: 'every 30s' }),
      ]),
    );
  });

  it('retries a job that throws with growing backoff until it succeeds, and keeps running the others', async () => {
    flakyCalls.count = 0;
    await app.sql("UPDATE jobs SET next_run_at = now(), attempt = 0, due_at = NULL WHERE name = 'sample.flaky'");
    const started = Date.now();
    for (let round = 0; round < 60 && flakyCalls.count < 3; round += 1) {
      await app.context.jobs.runDue();
      await sleep(30);
    }
    const runs = await app.sql<{ attempt: number; trigger: string; status: string; error: string | null; started_at: Date; due_at: Date }>(
      "SELECT attempt, trigger, status, error, started_at, due_at FROM job_runs WHERE job = 'sample.flaky' ORDER BY id",
    );
    expect(runs.map((run) => [run.attempt, run.trigger, run.status])).toEqual([
      [0, 'schedule', 'failed'],
      [1, 'retry', 'failed'],
      [2, 'retry', 'succeeded'],
    ]);
    expect(runs[0]!.error).toBe('Error: flaky failure 1');
    // Every attempt is for the same due slot; the waits grow (40 ms, then 80 ms).
    expect(new Set(runs.map((run) => new Date(run.due_at).getTime())).size).toBe(1);
    const gap1 = new Date(runs[1]!.started_at).getTime() - new Date(runs[0]!.started_at).getTime();
    const gap2 = new Date(runs[2]!.started_at).getTime() - new Date(runs[1]!.started_at).getTime();
    expect(gap1).toBeGreaterThanOrEqual(40);
    expect(gap2).toBeGreaterThanOrEqual(80);
    expect(Date.now() - started).toBeLessThan(30_000);
    // The next slot is an hour after the due one, and the attempt counter is back at 0.
    const [job] = await app.sql<{ attempt: number; next_run_at: Date; due_at: Date | null; lease_owner: string | null }>(
      "SELECT attempt, next_run_at, due_at, lease_owner FROM jobs WHERE name = 'sample.flaky'",
    );
    expect(job).toMatchObject({ attempt: 0, due_at: null, lease_owner: null });
    expect(new Date(job!.next_run_at).getTime() - new Date(runs[0]!.due_at).getTime()).toBe(3_600_000);
    // The other jobs ran meanwhile.
    const [ticks] = await app.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM job_runs WHERE job = 'sample.tick' AND status = 'succeeded'",
    );
    expect(ticks!.n).toBeGreaterThan(0);
  });

  it('"run now" runs a job at once, records who asked, and refuses while it runs', async () => {
    const response = await admin.post('/api/admin/jobs/sample.tick/run');
    expect(response.statusCode).toBe(202);
    const { runId } = response.json();
    await app.context.jobs.stop();
    const [run] = await app.sql<{ trigger: string; status: string; requested_by: number; result: unknown }>(
      `SELECT trigger, status, requested_by, result FROM job_runs WHERE id = ${runId}`,
    );
    const adminId = (await admin.get('/api/auth/me')).json().userId;
    expect(run).toMatchObject({ trigger: 'manual', status: 'succeeded', requested_by: adminId, result: { ticked: 1 } });
    const history = (await admin.get('/api/admin/jobs/sample.tick/runs?limit=5')).json();
    expect(history[0]).toMatchObject({ id: runId, trigger: 'manual', status: 'succeeded' });
    // While a run holds the lease, another "run now" is refused in words.
    await app.sql(`UPDATE jobs SET lease_owner = 'another-process', lease_until = now() + interval '1 minute' WHERE name = 'sample.tick'`);
    const busy = await admin.post('/api/admin/jobs/sample.tick/run');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.message).toContain('正在运行');
    await app.sql(`UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE name = 'sample.tick'`);
    // Unknown jobs and malformed names are 4xx, not 500.
    expect((await admin.post('/api/admin/jobs/sample.nope/run')).statusCode).toBe(404);
    expect((await admin.post('/api/admin/jobs/NOT A NAME/run')).statusCode).toBe(400);
    expect((await admin.get('/api/admin/jobs/sample.tick/runs?limit=0')).statusCode).toBe(400);
  });

  it('failed runs are listed for admins', async () => {
    const failed = (await admin.get('/api/admin/job-runs/failed')).json() as Array<{ job: string; error: string }>;
    expect(failed.filter((run) => run.job === 'sample.flaky').map((run) => run.error)).toEqual([
      'Error: flaky failure 2',
      'Error: flaky failure 1',
    ]);
  });

  it('a lease left by a process that died is taken over as the next attempt', async () => {
    await app.sql(
      "UPDATE jobs SET next_run_at = now() - interval '1 second', lease_owner = 'dead-process', lease_until = now() - interval '1 second', due_at = now() - interval '2 seconds', attempt = 0 WHERE name = 'sample.tick'",
    );
    const [ghost] = await app.sql<{ id: number }>(
      "INSERT INTO job_runs (job, due_at, attempt, trigger, owner) SELECT name, due_at, 0, 'schedule', 'dead-process' FROM jobs WHERE name = 'sample.tick' RETURNING id",
    );
    const lease = await app.context.jobs.take();
    expect(lease).toMatchObject({ job: 'sample.tick', attempt: 1, trigger: 'retry' });
    const [abandoned] = await app.sql<{ status: string }>(`SELECT status FROM job_runs WHERE id = ${ghost!.id}`);
    expect(abandoned!.status).toBe('abandoned');
    await app.sql(`UPDATE jobs SET lease_owner = NULL, lease_until = NULL, attempt = 0, due_at = NULL WHERE name = 'sample.tick'`);
  });
});

describe('several server processes on one database', () => {
  it('a job due every second for 10 s runs each due slot exactly once (counted in SQL)', async () => {
    await app.sql("DELETE FROM job_runs WHERE job = 'sample.tick'");
    await app.sql("UPDATE jobs SET next_run_at = now() + interval '1 hour' WHERE name = 'sample.tick'");
    if (app.kind === 'postgres') {
      // Two real server processes on the test's PostgreSQL database.
      const children = [spawnServer(app.databaseUrl!), spawnServer(app.databaseUrl!)];
      await Promise.all(children.map((child) => lineFrom(child, /^ready /)));
      await app.sql("UPDATE jobs SET next_run_at = now(), due_at = NULL, attempt = 0 WHERE name = 'sample.tick'");
      for (const child of children) child.stdin!.write('go\n');
      await Promise.all(children.map((child) => lineFrom(child, /^done$/)));
    } else {
      // PGlite is one embedded connection and cannot be shared by two processes: two schedulers in this process share it instead.
      const second = await createTestAppOnSameDatabase();
      await app.sql("UPDATE jobs SET next_run_at = now(), due_at = NULL, attempt = 0 WHERE name = 'sample.tick'");
      app.context.jobs.start();
      second.start();
      await sleep(10_000);
      await Promise.all([app.context.jobs.stop(), second.stop()]);
    }
    const [counts] = await app.sql<{ runs: number; slots: number; succeeded: number; owners: number }>(
      "SELECT count(*)::int AS runs, count(DISTINCT due_at)::int AS slots, count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, count(DISTINCT owner)::int AS owners FROM job_runs WHERE job = 'sample.tick'",
    );
    expect(counts!.runs).toBe(counts!.slots);
    expect(counts!.succeeded).toBe(counts!.runs);
    expect(counts!.slots).toBeGreaterThanOrEqual(8);
    expect(counts!.slots).toBeLessThanOrEqual(11);
    // The slots are one second apart: none was skipped or doubled.
    const slots = await app.sql<{ due_at: Date }>("SELECT due_at FROM job_runs WHERE job = 'sample.tick' ORDER BY due_at");
    for (let index = 1; index < slots.length; index += 1) {
      expect(new Date(slots[index]!.due_at).getTime() - new Date(slots[index - 1]!.due_at).getTime()).toBe(1000);
    }
  }, 60_000);
});

/** A second scheduler on this test's database, with the same jobs (PGlite: same connection). */
async function createTestAppOnSameDatabase() {
  const { Scheduler } = await import('../../server/platform/jobs.ts');
  const scheduler = new Scheduler(app.context, { tickMs: 100 });
  for (const job of app.context.jobs.list()) scheduler.register(job);
  return scheduler;
}

function spawnServer(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'tests/support/scheduler-process.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUN_MS: '10000' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

function lineFrom(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((candidate) => pattern.test(candidate));
      if (line) {
        child.stdout!.off('data', onData);
        resolve(line);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server process exited with ${code} before printing ${pattern}`)));
  });
}
