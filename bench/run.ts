/**
 * npm run bench [-- NAME…]: prints `BENCH <key> <value> <unit>` lines, each beside a baseline measured in
 * the same run. A key says what it ran on: `.pg.` a PostgreSQL server (DATABASE_URL, or a throw-away one
 * on a loopback port) with production durability — fsync, synchronous_commit and full_page_writes on, as
 * the `# postgres` line printed first shows; `.pglite.` the embedded database in this process; a key with
 * neither runs without a database (pure code, a signature) or says so in its comment below.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/app.ts';
import { readConfig } from '../server/config.ts';
import { openDatabase, type Database } from '../server/db/connection.ts';
import { refreshStatistics } from '../server/db/maintenance.ts';
import { migrate } from '../server/db/migrate.ts';
import { seedDemoData } from '../server/demo/seed.ts';
import { idNumber, mobile, personName } from '../server/demo/people.ts';
import { SeededRandom } from '../server/demo/random.ts';
import { PiiCipher } from '../server/platform/pii.ts';
import { users } from '../server/platform/schema.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/pg-throwaway.ts';
import { checkProgramme, defaultCreditRules, type ProgrammeCourseInput } from '../server/modules/courses/rules.ts';
import { seedStudentSessions, type SeededSession } from '../tests/support/sessions.ts';
import { creditbankBench } from './creditbank.ts';
import { credentialBench } from './credential.ts';
import { hotPlan, pickHotSections, selectionInvariants } from './hot.ts';
import { rushPlan, setUpRush } from './rush.ts';
import { httpClient, startServer, type RunningServer } from './http.ts';
import { jobsBench, notifyBench, webBench } from './platform.ts';
import { authBench } from './auth.ts';

const pii = new PiiCipher(Buffer.alloc(32, 7));
const print = (key: string, value: number, unit: string) =>
  console.log(`BENCH ${key} ${Number(value.toFixed(value < 10 ? 3 : 1))} ${unit}`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

let postgres: ThrowawayPostgres | null = null;
/**
 * The server to measure on: DATABASE_URL, or a throw-away one over loopback TCP. (Its Unix socket was
 * measured too: the rush was no faster through it, and pgbench was, which would flatter nothing.)
 */
let durabilityPrinted = false;
async function postgresBase(): Promise<string> {
  let base = process.env.DATABASE_URL;
  if (!base) {
    postgres ??= await startThrowawayPostgres({ durable: true });
    base = process.env.BENCH_PG_SOCKET === 'on' ? postgres.socketUrl('postgres') : postgres.url('postgres');
  }
  if (!durabilityPrinted) {
    durabilityPrinted = true;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    const settings = await client.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name",
    );
    await client.end();
    console.log(`# postgres ${settings.rows.map((row) => `${row.name}=${row.setting}`).join(' ')}`);
  }
  return base;
}

async function postgresDatabase(name: string): Promise<Database> {
  const base = await postgresBase();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString() });
}

async function urlOf(name: string): Promise<string> {
  const url = new URL(await postgresBase());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * CPU seconds used so far by the PostgreSQL server on this machine (postmaster, its live processes
 * and those already reaped), read from /proc; null when it is not here (a remote DATABASE_URL).
 */
async function postgresCpuSeconds(): Promise<number | null> {
  try {
    const client = new pg.Client({ connectionString: await postgresBase() });
    await client.connect();
    const [{ setting }] = (await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'data_directory'"))
      .rows as [{ setting: string }];
    await client.end();
    const postmaster = Number(fs.readFileSync(path.join(setting, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const stat = (pid: string) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = stat(String(postmaster));
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
      try {
        const fields = stat(pid);
        if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // gone meanwhile
      }
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

/** pgbench's TPC-B throughput on the same server (16 clients, 10 s), the ceiling a rush is compared with. */
function pgbenchTps(url: string): number | null {
  try {
    execFileSync('pgbench', ['-i', '-s', '10', '-q', url], { stdio: 'ignore', timeout: 300_000 });
    const out = execFileSync('pgbench', ['-c', '16', '-j', '2', '-T', '10', url], { encoding: 'utf8', timeout: 120_000 });
    const match = /tps = ([0-9.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([0-9.]+)/.exec(out);
    return match ? Number(match[1]) : null;
  } catch (error) {
    console.log(`# pgbench unavailable: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

async function freshDatabase(kind: 'pglite' | 'pg', name: string): Promise<Database> {
  const database = kind === 'pglite' ? await openDatabase({}) : await postgresDatabase(name);
  await migrate(database);
  return database;
}

async function appOn(database: Database) {
  const config = { ...readConfig({} as NodeJS.ProcessEnv), importMaxBytes: 50 * 1024 * 1024, loadDemoData: false };
  const { fastify } = await buildApp(config, database, pii);
  await fastify.ready();
  const login = await fastify.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jiaowu', password: 'Sitong@2026' } });
  const cookie = `sitong_session=${login.cookies.find((c) => c.name === 'sitong_session')!.value}`;
  return { fastify, cookie, csrf: login.json().csrfToken as string };
}

async function studentsWorkbook(count: number, majorCodes: string[]): Promise<Buffer> {
  const random = new SeededRandom(99);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('学生');
  sheet.addRow(['学号', '姓名', '性别', '年级', '专业代码', '班级代码', '学籍状态', '身份证号', '手机号']);
  for (let i = 0; i < count; i++) {
    const gender = random.chance(0.6) ? 'M' : 'F';
    sheet.addRow([
      `2027${String(i).padStart(8, '0')}`,
      personName(random),
      gender === 'M' ? '男' : '女',
      2026,
      majorCodes[i % majorCodes.length],
      '',
      '在读',
      idNumber(random, 2008, gender),
      mobile(random),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(data: Buffer) {
  const boundary = '----sitongbench';
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="students.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Waits (at most five minutes) until every job the server found due when it started has run once and
 * none is running, asking GET /api/admin/jobs as the demo administrator; returns the seconds waited.
 */
async function jobsSettled(port: number): Promise<number> {
  const started = performance.now();
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Sitong@2026' }),
  });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const startedAt = Date.now();
  for (;;) {
    const response = await fetch(`${base}/api/admin/jobs`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`jobs: ${response.status} ${await response.text()}`);
    const jobs = (await response.json()) as Array<{ running: boolean; nextRunAt: string | null; lastRun: { startedAt: string } | null }>;
    const waiting = jobs.filter(
      (job) =>
        job.running ||
        (job.nextRunAt !== null &&
          Date.parse(job.nextRunAt) <= startedAt &&
          (job.lastRun === null || Date.parse(job.lastRun.startedAt) < startedAt)),
    );
    if (waiting.length === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > 300_000) throw new Error(`jobs still due or running after five minutes: ${waiting.length}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One selection shape on one database: set up, run over HTTP, count the invariants; returns ops/s. */
async function selectionShape(kind: 'pg' | 'pglite', shape: 'rush' | 'hot'): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sitong-${shape}-${kind}-`));
  const name = `bench_${shape}`;
  const database = kind === 'pg' ? await postgresDatabase(name) : await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  await migrate(database);
  // BENCH_RUSH_STUDENTS shortens a run while tuning; the figures the issue names use 12,000.
  await seedDemoData(database.db, pii, { students: Number(process.env.BENCH_RUSH_STUDENTS ?? 12_000) });
  const rush = await setUpRush(database, 200);
  const sessions: SeededSession[] = await seedStudentSessions(
    (text, params) => database.query(text, params),
    rush.students.map((student) => student.id),
  );
  const hot = pickHotSections(rush);
  await refreshStatistics(database);
  const databaseUrl = kind === 'pg' ? await urlOf(name) : '';
  await database.close();

  const port = kind === 'pg' ? 3921 : 3922;
  // BENCH_SERVERS=n (PostgreSQL only) runs n server processes on one database, the load spread over them.
  const serverCount = kind === 'pg' ? Number(process.env.BENCH_SERVERS ?? 1) : 1;
  const servers: RunningServer[] = [];
  for (let n = 0; n < serverCount; n++)
    servers.push(
      await startServer(port + 10 * n, {
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        DEMO_DATA: 'off',
        DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
      }),
    );
  // A college's server has been up for hours when a rush starts: its first-start jobs (the indicators
  // computed at once on a new install, over every student) are done. Measuring while they ran measured them.
  const settledSeconds = await jobsSettled(port);
  console.log(`# selection.${shape}.${kind} the server's first-start jobs finished ${settledSeconds.toFixed(1)} s after it started`);
  const clients = Number(process.env.BENCH_RUSH_CLIENTS ?? 64);
  const httpClients = servers.map((_, n) => httpClient(port + 10 * n, Math.ceil(clients / serverCount)));
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const byRoute: Record<'select' | 'drop', number[]> = { select: [], drop: [] };
  const send = async (
    client: ReturnType<typeof httpClient>,
    session: SeededSession,
    route: 'select' | 'drop',
    sectionId: number,
    requestId: string,
  ) => {
    const t0 = performance.now();
    const response = await client.post(
      route === 'select' ? '/api/me/selections' : '/api/me/selections/drop',
      { sectionId, requestId },
      session,
    );
    latencies.push(performance.now() - t0);
    byRoute[route].push(performance.now() - t0);
    const body = JSON.parse(response.body);
    const outcome = response.status === 200 ? (body.outcome as string) : response.status === 409 ? 'refused' : `http_${response.status}`;
    const key = response.status === 409 ? `${route}:refused:${body.error.details?.reason}` : `${route}:${outcome}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    return { status: response.status, outcome };
  };
  const scripts: Array<{ session: SeededSession; run: (client: ReturnType<typeof httpClient>) => Promise<void> }> =
    shape === 'rush'
      ? rushPlan(rush, sessions, 20261123).map((student) => ({
          session: student.session,
          run: async (client) => {
            for (const op of student.ops) await send(client, student.session, 'select', op.sectionId, op.requestId);
          },
        }))
      : hotPlan(hot, sessions, 20261201).map((student) => ({
          session: student.session,
          run: (client) =>
            student.run({
              select: (sectionId, requestId) => send(client, student.session, 'select', sectionId, requestId),
              drop: (sectionId, requestId) => send(client, student.session, 'drop', sectionId, requestId),
            }),
        }));
  const drive = async (work: (client: ReturnType<typeof httpClient>, index: number) => Promise<void>, count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, worker) => {
        const client = httpClients[worker % httpClients.length]!;
        for (;;) {
          const index = next++;
          if (index >= count) return;
          await work(client, index);
        }
      }),
    );
  };
  const serverCpu = () => servers.reduce((sum, server) => sum + (server.cpuSeconds() ?? Number.NaN), 0);
  const started = performance.now();
  const cpuStarted = serverCpu();
  const postgresCpuStarted = kind === 'pg' ? await postgresCpuSeconds() : null;
  await drive((client, index) => scripts[index]!.run(client), scripts.length);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = serverCpu() - cpuStarted;
  const postgresCpuEnded = kind === 'pg' ? await postgresCpuSeconds() : null;
  // The floor on the same server: the session check and HTTP, as many requests as the shape sent.
  const ops = latencies.length;
  const baselineStarted = performance.now();
  const baselineCpuStarted = serverCpu();
  await drive(async (client, index) => {
    const response = await client.get('/api/auth/me', sessions[index % sessions.length]!);
    if (response.status !== 200) throw new Error(`auth/me: ${response.status}`);
  }, ops);
  const baselineSeconds = (performance.now() - baselineStarted) / 1000;
  const baselineCpuSeconds = serverCpu() - baselineCpuStarted;
  for (const server of servers) await server.stop();
  for (const client of httpClients) await client.close();

  const check = kind === 'pg' ? await openDatabase({ databaseUrl }) : await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  const counts = await selectionInvariants(check, rush.windowId);
  // The rush has no drops: a student with two rows for one section is a double submission.
  const [{ doubled }] = (await check.query<{ doubled: number }>(
    'SELECT count(*)::int AS doubled FROM (SELECT 1 FROM enrolments GROUP BY student_id, section_id HAVING count(*) > 1) d',
  )) as [{ doubled: number }];
  await check.close();
  const key = `selection.${shape}.${kind}`;
  print(`${key}.ops`, ops, 'requests');
  print(`${key}.clients`, clients, 'concurrent');
  print(`${key}.ops_per_s`, ops / seconds, 'ops/s');
  print(`${key}.p50_ms`, percentile(latencies, 50), 'ms');
  print(`${key}.p99_ms`, percentile(latencies, 99), 'ms');
  print(`${key}.over_capacity`, counts.overCapacity, 'sections');
  print(`${key}.duplicates`, counts.duplicates + (shape === 'rush' ? doubled : 0), 'students');
  print(`${key}.seat_left_while_waiting`, counts.seatLeftWhileWaiting, 'sections');
  print(`${key}.waitlist_order`, counts.waitlistOrder, 'sections');
  print(`${key}.unaudited`, counts.unaudited, 'places');
  print(`${key}.enrolled`, counts.enrolled, 'places');
  print(`${key}.waitlisted`, counts.waitlisted, 'places');
  print(`${key}.baseline_auth_me_ops_per_s`, ops / baselineSeconds, 'ops/s');
  // CPU time of the server process per request: steadier than wall time on a machine others load too.
  if (Number.isFinite(cpuSeconds)) {
    print(`${key}.server_cpu_ms_per_op`, (cpuSeconds * 1000) / ops, 'ms');
    print(`${key}.baseline_auth_me_server_cpu_ms_per_op`, (baselineCpuSeconds * 1000) / ops, 'ms');
  }
  if (postgresCpuStarted !== null && postgresCpuEnded !== null)
    print(`${key}.postgres_cpu_ms_per_op`, ((postgresCpuEnded - postgresCpuStarted) * 1000) / ops, 'ms');
  console.log(`# ${key} outcomes: ${[...outcomes.entries()].map(([outcome, n]) => `${outcome}=${n}`).join(' ')}`);
  for (const [route, values] of Object.entries(byRoute))
    if (values.length > 0)
      console.log(
        `# ${key} ${route}: ${values.length} requests, p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms`,
      );
  fs.rmSync(dataDir, { recursive: true, force: true });
  return ops / seconds;
}

const benchmarks: Record<string, () => Promise<void>> = {
  /** notify.fanout1k.pg.seconds (bench/platform.ts): PostgreSQL only. */
  notify: () => notifyBench({ pii, print, freshDatabase, percentile }),
  /** jobs.lease.pg.ms (bench/platform.ts): PostgreSQL only (several processes share a job table only there). */
  jobs: () => jobsBench({ pii, print, freshDatabase, percentile }),
  /** web.login.transfer_kb, web.student_home.transfer_kb (bench/platform.ts): Chromium against the production build, on PGlite. */
  web: () => webBench({ pii, print, freshDatabase, percentile }),

  /** auth.login.pg.p95_ms with auth.login.pg.baseline_argon2_ms (bench/auth.ts): PostgreSQL only. */
  auth: () => authBench({ pii, print, freshDatabase, percentile, urlOf }, Buffer.alloc(32, 7)),

  /**
   * accounts.provision12k.pg.seconds: accounts, grants and one-time activation codes for 12,000 students
   * (POST /api/accounts/provision for the institution, sheet included) on PostgreSQL with production
   * durability; baseline accounts.provision12k.pg.baseline_insert_seconds: the same number of bare user
   * rows as multi-row INSERTs in one transaction, in the same run. Goal ≤ 10 s.
   */
  async accounts() {
    const database = await freshDatabase('pg', 'bench_accounts');
    await seedDemoData(database.db, pii, { students: 12_000, teachers: 30 });
    const institutionId = (await database.query<{ id: number }>("SELECT id FROM institutions WHERE code = 'TJPC'"))[0]!.id;
    // Every enrolled student of the institution gets an account: the demo's are topped up to 12,000 if needed.
    const [{ n: enrolled }] = (await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM students s WHERE s.institution_id = ${institutionId} AND s.status = 'enrolled'
       AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id)`,
    )) as [{ n: number }];
    if (enrolled < 12_000)
      await database.execScript(
        `INSERT INTO students (institution_id, student_no, name, cohort_year, major_id, status)
         SELECT ${institutionId}, '2029' || lpad(g::text, 8, '0'), '补充学生' || g, 2026,
                (SELECT id FROM majors WHERE institution_id = ${institutionId} ORDER BY id LIMIT 1), 'enrolled'
         FROM generate_series(1, ${12_000 - enrolled}) g`,
      );
    const { fastify, cookie, csrf } = await appOn(database);
    const started = performance.now();
    const response = await fastify.inject({
      method: 'POST',
      url: '/api/accounts/provision',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { institutionId, kinds: ['student'] },
    });
    const elapsed = (performance.now() - started) / 1000;
    if (response.statusCode !== 200 || response.json().summary.created !== 12_000)
      throw new Error(`provision failed: ${response.statusCode} ${response.body.slice(0, 300)}`);
    print('accounts.provision12k.pg.seconds', elapsed, 's');
    print('accounts.provision12k.pg.sheet_kb', Buffer.from(response.json().sheet.base64, 'base64').length / 1024, 'KB');
    const baselineStart = performance.now();
    await database.db.transaction(async (tx) => {
      for (let start = 0; start < 12_000; start += 1000)
        await tx.insert(users).values(
          Array.from({ length: 1000 }, (_, i) => ({
            username: `baseline${start + i}`,
            displayName: `基线${start + i}`,
            passwordHash: '!',
          })),
        );
    });
    print('accounts.provision12k.pg.baseline_insert_seconds', (performance.now() - baselineStart) / 1000, 's');
    await fastify.close();
    await database.close();
  },

  /** credential.issue_ms, credential.verify_ms: one Open Badges 3.0 credential signed and verified (bench/credential.ts). */
  credential: () => credentialBench(print),

  /** creditbank.bulk10k.pg.*, creditbank.verify1m.pg.* (bench/creditbank.ts). */
  creditbank: () => creditbankBench({ pii, print, freshDatabase, appOn, multipart }, process.env.BENCH_CREDITBANK_PART),

  /** import.students12k.{pglite,pg}.seconds: a 12,000-student .xlsx imported end to end (parse, validate, commit). */
  async import() {
    for (const kind of ['pglite', 'pg'] as const) {
      const database = await freshDatabase(kind, 'bench_import');
      await seedDemoData(database.db, pii, { students: 0, teachers: 30 });
      const { fastify, cookie, csrf } = await appOn(database);
      const majorCodes = (
        await database.query<{ code: string }>(
          "SELECT m.code FROM majors m JOIN institutions i ON i.id = m.institution_id WHERE i.code = 'TJPC' AND m.group_id IS NOT NULL",
        )
      ).map((r) => r.code);
      const file = await studentsWorkbook(12_000, majorCodes);
      const { body, contentType } = multipart(file);
      const started = performance.now();
      const preview = await fastify.inject({
        method: 'POST',
        url: '/api/imports/students/preview',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': contentType },
        payload: body,
      });
      if (preview.statusCode !== 201 || preview.json().errors.length > 0) throw new Error(`preview failed: ${preview.body.slice(0, 300)}`);
      const previewed = performance.now();
      const commit = await fastify.inject({
        method: 'POST',
        url: `/api/imports/batches/${preview.json().id}/commit`,
        headers: { cookie, 'x-csrf-token': csrf },
      });
      if (commit.statusCode !== 200 || commit.json().summary.create !== 12_000)
        throw new Error(`commit failed: ${commit.body.slice(0, 300)}`);
      const done = performance.now();
      print(`import.students12k.${kind}.seconds`, (done - started) / 1000, 's');
      print(`import.students12k.${kind}.preview_seconds`, (previewed - started) / 1000, 's');
      // Baseline: the same 12,000 rows as plain multi-row INSERTs, without parsing, checks or audit.
      await database.execScript("DELETE FROM students WHERE student_no LIKE '2028%'");
      const majorId = (await database.query<{ id: number }>("SELECT id FROM majors WHERE code = '430401' LIMIT 1"))[0]!.id;
      const baselineStart = performance.now();
      for (let start = 0; start < 12_000; start += 500) {
        const values: string[] = [];
        const params: unknown[] = [];
        for (let i = start; i < start + 500; i++) {
          params.push(`2028${String(i).padStart(8, '0')}`, `学生${i}`, majorId);
          values.push(`(1, $${params.length - 2}, $${params.length - 1}, 2026, $${params.length})`);
        }
        await database.query(
          `INSERT INTO students (institution_id, student_no, name, cohort_year, major_id) VALUES ${values.join(',')}`,
          params,
        );
      }
      print(`import.students12k.${kind}.baseline_bulk_insert_seconds`, (performance.now() - baselineStart) / 1000, 's');
      await fastify.close();
      await database.close();
    }
  },

  /** students.list.{pglite,pg}.p95_ms: paged, searched student list over 12,000 students. */
  async students() {
    for (const kind of ['pglite', 'pg'] as const) {
      const database = await freshDatabase(kind, 'bench_students');
      await seedDemoData(database.db, pii, { students: 12_000 });
      await refreshStatistics(database);
      const { fastify, cookie } = await appOn(database);
      const queries = [
        '',
        'q=%E7%8E%8B',
        'q=2024460303',
        'q=%E5%BC%BA&cohortYear=2024',
        'page=40',
        'q=%E6%9D%8E&page=2',
        'majorId=5',
        'q=2023',
      ];
      for (let i = 0; i < 20; i++)
        await fastify.inject({ method: 'GET', url: `/api/students?${queries[i % queries.length]}`, headers: { cookie } });
      const timings: number[] = [];
      for (let i = 0; i < 400; i++) {
        const started = performance.now();
        const response = await fastify.inject({
          method: 'GET',
          url: `/api/students?pageSize=20&${queries[i % queries.length]}`,
          headers: { cookie },
        });
        timings.push(performance.now() - started);
        if (response.statusCode !== 200) throw new Error(response.body);
      }
      print(`students.list.${kind}.p95_ms`, percentile(timings, 95), 'ms');
      print(`students.list.${kind}.p50_ms`, percentile(timings, 50), 'ms');
      // Baseline: the health route through the same app stack (session lookup, hooks, serialisation).
      const baseline: number[] = [];
      for (let i = 0; i < 400; i++) {
        const started = performance.now();
        await fastify.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        baseline.push(performance.now() - started);
      }
      print(`students.list.${kind}.baseline_auth_me_p95_ms`, percentile(baseline, 95), 'ms');
      await fastify.close();
      await database.close();
    }
  },

  /**
   * selection.<shape>.<db>.*: 12,000 students with sessions, 200 sections in one open first-come window,
   * over HTTP against the running server (the same route and service a browser uses), 64 at a time.
   * Shape `rush`: every student submits a choice, the same request again (a double click) and a second
   * choice. Shape `hot` (bench/hot.ts): most students want the same five sections, with retries,
   * pressing again while full, drops and re-selects. Correctness is counted in SQL afterwards; the
   * PostgreSQL figures sit beside pgbench's TPC-B on the same server (and durability) in the same run.
   * `baseline_auth_me_ops_per_s`: GET /api/auth/me with the same sessions and clients on the same
   * server right after, the floor of HTTP and the session check that every selection pays too.
   */
  async selection() {
    const kinds = (['pg', 'pglite'] as const).filter((kind) => !process.env.BENCH_DB || process.env.BENCH_DB === kind);
    const shapes = (['rush', 'hot'] as const).filter((shape) => !process.env.BENCH_SHAPE || process.env.BENCH_SHAPE === shape);
    for (const kind of kinds) {
      const rates = new Map<string, number>();
      for (const shape of shapes) rates.set(shape, await selectionShape(kind, shape));
      if (kind === 'pg') {
        await (await postgresDatabase('bench_pgbench')).close();
        const tps = pgbenchTps(await urlOf('bench_pgbench'));
        if (tps !== null) {
          print('selection.pg.pgbench_tps', tps, 'tps');
          for (const [shape, rate] of rates) {
            print(`selection.${shape}.pg.pgbench_tps`, tps, 'tps');
            print(`selection.${shape}.pg.pgbench_ratio`, rate / tps, 'ratio');
          }
        }
      }
    }
  },

  /** programme.rulecheck_ms: the credit-structure check of a 40-course programme (pure), and over HTTP. */
  async programme() {
    const courses: ProgrammeCourseInput[] = Array.from({ length: 40 }, (_, index) => ({
      courseId: index + 1,
      code: `C-${index + 1}`,
      name: `课程${index + 1}`,
      termNo: (index % 6) + 1,
      isElective: index >= 34,
      credits: index < 8 ? 6.5 : 3,
      theoryHours: 32,
      practiceHours: 40,
      layer: index < 8 ? 'shared' : index < 30 ? 'core' : 'extension',
      moduleType: index < 8 ? 'ideology_culture' : index < 30 ? 'professional' : 'extension',
      ownerGroupId: index < 8 ? null : index < 30 ? 1 : 2,
      prerequisiteCodes: index > 10 ? [`C-${index - 8}`] : [],
    }));
    const programme = { groupId: 1, graduationCredits: 140, electiveCreditsRequired: 12, courses };
    for (let i = 0; i < 200; i++) checkProgramme(programme, defaultCreditRules);
    const runs: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      checkProgramme(programme, defaultCreditRules);
      runs.push(performance.now() - t0);
    }
    print('programme.rulecheck_ms', percentile(runs, 50), 'ms');
    print('programme.rulecheck.p99_ms', percentile(runs, 99), 'ms');

    // The live rule panel's round trip: POST /api/programmes/:id/check with the demo programme's 49 courses.
    const database = await freshDatabase('pglite', '');
    await seedDemoData(database.db, pii, { students: 0, teachers: 30 });
    const { fastify, cookie, csrf } = await appOn(database);
    const [{ id }] = (await database.query<{ id: number }>('SELECT id FROM programmes ORDER BY id LIMIT 1')) as [{ id: number }];
    const items = await database.query<{ course_id: number; term_no: number; is_elective: boolean }>(
      `SELECT course_id, term_no, is_elective FROM programme_courses WHERE programme_id = ${id}`,
    );
    const payload = {
      courses: items.map((item) => ({ courseId: Number(item.course_id), termNo: item.term_no, isElective: item.is_elective })),
    };
    const http: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < 300; i++) {
      let t0 = performance.now();
      await fastify.inject({ method: 'POST', url: `/api/programmes/${id}/check`, headers: { cookie, 'x-csrf-token': csrf }, payload });
      http.push(performance.now() - t0);
      t0 = performance.now();
      await fastify.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      baseline.push(performance.now() - t0);
    }
    print('programme.rulecheck_http.pglite.p50_ms', percentile(http, 50), 'ms');
    print('programme.rulecheck_http.pglite.baseline_auth_me_p50_ms', percentile(baseline, 50), 'ms');
    await fastify.close();
    await database.close();
  },

  /** startup.health_ms: process start to the first 200 on /api/health, data already present. */
  async startup() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-startup-'));
    const startServer = async (port: number) => {
      const started = performance.now();
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'silent', DEMO_STUDENTS: '12000' },
        stdio: 'ignore',
      });
      for (;;) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/health`);
          if (response.status === 200) break;
        } catch {
          // not listening yet
        }
        if (child.exitCode !== null) throw new Error('server exited');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const elapsed = performance.now() - started;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      return elapsed;
    };
    const first = await startServer(3911); // creates the data directory and loads demo data
    const runs = [await startServer(3912), await startServer(3913), await startServer(3914)];
    print('startup.health_ms', percentile(runs, 50), 'ms');
    print('startup.first_start_with_demo_data_ms', first, 'ms');
    // Baseline: a bare Node process start.
    const bare = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
    print('startup.baseline_node_ms', performance.now() - bare, 'ms');
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
};

const requested = process.argv.slice(2).filter((arg) => arg !== '--');
const names = requested.length > 0 ? requested : Object.keys(benchmarks);
try {
  for (const name of names) {
    const benchmark = benchmarks[name];
    if (!benchmark) throw new Error(`Unknown benchmark "${name}"; known: ${Object.keys(benchmarks).join(', ')}`);
    await benchmark();
  }
} finally {
  await (postgres as ThrowawayPostgres | null)?.stop();
}
