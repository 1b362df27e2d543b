/**
 * npm run bench [-- NAME…]: prints `BENCH <key> <value> <unit>` lines. Each benchmark runs on PGlite and
 * on a real PostgreSQL server (a throw-away one on a loopback port, or DATABASE_URL), with baselines
 * measured in the same run.
 */
import { spawn } from 'node:child_process';
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
import { startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/pg-throwaway.ts';

const pii = new PiiCipher(Buffer.alloc(32, 7));
const print = (key: string, value: number, unit: string) => console.log(`BENCH ${key} ${Number(value.toFixed(value < 10 ? 3 : 1))} ${unit}`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

let postgres: ThrowawayPostgres | null = null;
async function postgresDatabase(name: string): Promise<Database> {
  let base = process.env.DATABASE_URL;
  if (!base) {
    postgres ??= await startThrowawayPostgres();
    base = postgres.url('postgres');
  }
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString() });
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
    sheet.addRow([`2027${String(i).padStart(8, '0')}`, personName(random), gender === 'M' ? '男' : '女', 2026, majorCodes[i % majorCodes.length], '', '在读', idNumber(random, 2008, gender), mobile(random)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(data: Buffer) {
  const boundary = '----sitongbench';
  return {
    body: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="students.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const benchmarks: Record<string, () => Promise<void>> = {
  /** import.students12k.{pglite,pg}.seconds: a 12,000-student .xlsx imported end to end (parse, validate, commit). */
  async import() {
    for (const kind of ['pglite', 'pg'] as const) {
      const database = await freshDatabase(kind, 'bench_import');
      await seedDemoData(database.db, pii, { students: 0, teachers: 30 });
      const { fastify, cookie, csrf } = await appOn(database);
      const majorCodes = (await database.query<{ code: string }>("SELECT m.code FROM majors m JOIN institutions i ON i.id = m.institution_id WHERE i.code = 'TJPC' AND m.group_id IS NOT NULL")).map((r) => r.code);
      const file = await studentsWorkbook(12_000, majorCodes);
      const { body, contentType } = multipart(file);
      const started = performance.now();
      const preview = await fastify.inject({ method: 'POST', url: '/api/imports/students/preview', headers: { cookie, 'x-csrf-token': csrf, 'content-type': contentType }, payload: body });
      if (preview.statusCode !== 201 || preview.json().errors.length > 0) throw new Error(`preview failed: ${preview.body.slice(0, 300)}`);
      const previewed = performance.now();
      const commit = await fastify.inject({ method: 'POST', url: `/api/imports/batches/${preview.json().id}/commit`, headers: { cookie, 'x-csrf-token': csrf } });
      if (commit.statusCode !== 200 || commit.json().summary.create !== 12_000) throw new Error(`commit failed: ${commit.body.slice(0, 300)}`);
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
        await database.query(`INSERT INTO students (institution_id, student_no, name, cohort_year, major_id) VALUES ${values.join(',')}`, params);
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
      const queries = ['', 'q=%E7%8E%8B', 'q=2024460303', 'q=%E5%BC%BA&cohortYear=2024', 'page=40', 'q=%E6%9D%8E&page=2', 'majorId=5', 'q=2023'];
      for (let i = 0; i < 20; i++) await fastify.inject({ method: 'GET', url: `/api/students?${queries[i % queries.length]}`, headers: { cookie } });
      const timings: number[] = [];
      for (let i = 0; i < 400; i++) {
        const started = performance.now();
        const response = await fastify.inject({ method: 'GET', url: `/api/students?pageSize=20&${queries[i % queries.length]}`, headers: { cookie } });
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
