/**
 * The platform's figures (npm run bench -- notify jobs web):
 * - notify.fanout1k.pg.seconds: one notification to 1,000 users through the inbox and e-mail to an SMTP
 *   server on loopback, from the call to the last message accepted; baseline: 1,000 inbox rows in one INSERT.
 * - jobs.lease.pg.ms: p95 of taking and releasing a job lease (one run of a job that does nothing);
 *   baseline: p95 of a one-row UPDATE on the same server.
 * - web.login.transfer_kb, web.student_home.transfer_kb: bytes Chromium receives (compressed, headers
 *   included) to show the login page, and then the student's workbench after logging in; baselines: the
 *   same resources uncompressed.
 * PostgreSQL runs with production durability (fsync, synchronous_commit and full-page writes on).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../server/app.ts';
import { readConfig } from '../server/config.ts';
import type { Database } from '../server/db/connection.ts';
import { seedDemoData } from '../server/demo/seed.ts';
import { modules } from '../server/modules/index.ts';
import { hashPassword } from '../server/platform/auth.ts';
import { defineModule } from '../server/platform/module.ts';
import type { PiiCipher } from '../server/platform/pii.ts';
import { chromiumPath, ensureWebBuilt, repoRoot, startHarness } from '../tests/e2e/harness.ts';

type Print = (key: string, value: number, unit: string) => void;

export interface PlatformBenchKit {
  pii: PiiCipher;
  print: Print;
  freshDatabase: (kind: 'pglite' | 'pg', name: string) => Promise<Database>;
  percentile: (values: number[], p: number) => number;
}

/** An SMTP server that accepts and counts (no parsing: what is measured is our sending). */
async function countingSmtp(): Promise<{ port: number; accepted: () => number; close: () => Promise<void> }> {
  let accepted = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 64,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        accepted += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as { port: number }).port,
    accepted: () => accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function notifyBench(kit: PlatformBenchKit): Promise<void> {
  const database = await kit.freshDatabase('pg', 'bench_notify');
  await seedDemoData(database.db, kit.pii, { students: 0, teachers: 30 });
  const passwordHash = await hashPassword('Bench@2026x');
  await database.query(
    `
    INSERT INTO users (username, display_name, password_hash, institution_id, email)
    SELECT 'fan' || n, '收件人' || n, $1, (SELECT id FROM institutions WHERE code = 'TJPC'), 'fan' || n || '@bench.example.edu.cn'
    FROM generate_series(1, 1000) AS n`,
    [passwordHash],
  );
  const smtp = await countingSmtp();
  const config = { ...readConfig({} as NodeJS.ProcessEnv), loadDemoData: false };
  const { fastify, context } = await buildApp(config, database, kit.pii);
  await fastify.ready();
  const institutionId = Number((await database.query<{ id: number }>("SELECT id FROM institutions WHERE code = 'TJPC'"))[0]!.id);
  await database.query(`INSERT INTO notification_channels (institution_id, kind, name, config) VALUES ($1, 'smtp', 'bench', $2::jsonb)`, [
    institutionId,
    JSON.stringify({ host: '127.0.0.1', port: smtp.port, secure: false, username: null, from: '四通平台 <noreply@bench.example.edu.cn>' }),
  ]);
  const userIds = (await database.query<{ id: number }>("SELECT id FROM users WHERE username LIKE 'fan%' ORDER BY id")).map((row) =>
    Number(row.id),
  );

  const send = async (round: number) => {
    const before = smtp.accepted();
    const started = performance.now();
    await context.notifications.notify({
      to: { users: userIds },
      kind: 'courses.programme_returned',
      institutionId,
      dedupeKey: `bench:fanout:${round}`,
      link: '/programmes/1',
      payload: { programme: '钢铁智能冶金技术专业2027级人才培养方案', reviewer: '教务处', comment: '跨群拓展学分不足，请调整' },
    });
    while (smtp.accepted() < before + userIds.length) await new Promise((resolve) => setTimeout(resolve, 5));
    return (performance.now() - started) / 1000;
  };
  await send(0); // warm the pooled SMTP connections and the statements
  const rounds = [await send(1), await send(2), await send(3)];
  kit.print('notify.fanout1k.pg.seconds', kit.percentile(rounds, 50), 's');

  const [notification] = await database.query<{ id: number }>("SELECT id FROM notifications WHERE dedupe_key = 'bench:fanout:1'");
  const baselines: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    await database.query('DELETE FROM notification_inbox WHERE notification_id = $1', [notification!.id]);
    const started = performance.now();
    await database.query(`INSERT INTO notification_inbox (notification_id, user_id) SELECT $1, id FROM users WHERE username LIKE 'fan%'`, [
      notification!.id,
    ]);
    baselines.push((performance.now() - started) / 1000);
  }
  kit.print('notify.fanout1k.baseline_inbox_insert.pg.seconds', kit.percentile(baselines, 50), 's');
  await fastify.close();
  await smtp.close();
  await database.close();
}

export async function jobsBench(kit: PlatformBenchKit): Promise<void> {
  const database = await kit.freshDatabase('pg', 'bench_jobs');
  const leaseModule = defineModule({
    name: 'bench',
    tables: {},
    policy: {},
    messages: {},
    jobs: [{ name: 'bench.noop', title: { 'zh-CN': '空任务', en: 'No-op' }, every: 3600, run: async () => ({}) }],
  });
  const config = { ...readConfig({} as NodeJS.ProcessEnv), loadDemoData: false };
  const { fastify, context } = await buildApp(config, database, kit.pii, { modules: [...modules, leaseModule] });
  await fastify.ready();
  const due = () => database.query("UPDATE jobs SET next_run_at = now() - interval '1 second' WHERE name = 'bench.noop'");
  await database.query("UPDATE jobs SET next_run_at = now() + interval '1 day' WHERE name <> 'bench.noop'");
  const samples: number[] = [];
  for (let index = 0; index < 530; index += 1) {
    await due();
    const started = performance.now();
    const lease = await context.jobs.take();
    if (!lease) throw new Error('the job was not due');
    await context.jobs.runTaken(lease);
    if (index >= 30) samples.push(performance.now() - started);
  }
  kit.print('jobs.lease.pg.ms', kit.percentile(samples, 95), 'ms');
  kit.print('jobs.lease.pg.p50_ms', kit.percentile(samples, 50), 'ms');
  const baseline: number[] = [];
  for (let index = 0; index < 530; index += 1) {
    const started = performance.now();
    await database.query("UPDATE jobs SET updated_at = now() WHERE name = 'bench.noop'");
    if (index >= 30) baseline.push(performance.now() - started);
  }
  kit.print('jobs.lease.baseline_one_row_update.pg.ms', kit.percentile(baseline, 95), 'ms');
  await fastify.close();
  await database.close();
}

/** Bytes Chromium receives from the first request of an action until the page shows what it waits for. */
export async function webBench(kit: PlatformBenchKit): Promise<void> {
  ensureWebBuilt({ fresh: true });
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}`);
  const harness = await startHarness();
  try {
    const { page } = await harness.newPage();
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    await session.send('Network.setCacheDisabled', { cacheDisabled: false });
    let transferred = 0;
    let decoded = 0;
    const sizes = new Map<string, number>();
    session.on('Network.dataReceived', (event: { requestId: string; dataLength: number }) => {
      sizes.set(event.requestId, (sizes.get(event.requestId) ?? 0) + event.dataLength);
    });
    const assetRequestIds = new Set<string>();
    let assetsFromServer = 0;
    session.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string } }) => {
      if (new URL(event.request.url).pathname.startsWith('/assets/')) assetRequestIds.add(event.requestId);
    });
    session.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
      transferred += event.encodedDataLength;
      decoded += sizes.get(event.requestId) ?? 0;
      // Bytes over the wire (a 304 has its headers) mean the server was asked; a cache hit has none.
      if (assetRequestIds.has(event.requestId) && event.encodedDataLength > 0) assetsFromServer += 1;
    });
    const measure = async (action: () => Promise<void>) => {
      transferred = 0;
      decoded = 0;
      sizes.clear();
      await action();
      await page.waitForLoadState('networkidle');
      return { transferred: transferred / 1024, decoded: decoded / 1024 };
    };
    const loginScripts = new Set<string>();
    const recordScript = (response: { url: () => string }) => {
      const pathname = new URL(response.url()).pathname;
      if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) loginScripts.add(pathname);
    };
    page.on('response', recordScript);
    const loginPage = await measure(async () => {
      await page.goto('/login');
      await page.getByTestId('login-submit').waitFor();
    });
    page.off('response', recordScript);
    kit.print('web.login.transfer_kb', loginPage.transferred, 'KB');
    kit.print('web.login.uncompressed_kb', loginPage.decoded, 'KB');
    // antd's table (rc-table) is recognised by a marker only its code carries; the login page should load none.
    const assetsDir = path.join(repoRoot, 'dist/web/assets');
    const tableChunks = fs
      .readdirSync(assetsDir)
      .filter((name) => name.endsWith('.js') && fs.readFileSync(path.join(assetsDir, name), 'utf8').includes('rc-table-internal-hook'));
    const sizeOf = (names: string[]) => names.reduce((sum, name) => sum + fs.statSync(path.join(assetsDir, name)).size, 0) / 1024;
    const loadedTable = tableChunks.filter((name) => loginScripts.has(`/assets/${name}`));
    kit.print('web.login.table_code_kb', sizeOf(loadedTable), 'KB');
    kit.print('web.login.baseline_table_chunks_kb', sizeOf(tableChunks), 'KB');
    const home = await measure(async () => {
      await page.getByTestId('login-username').fill('student');
      await page.getByTestId('login-password').fill('Sitong@2026');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('card-courses.selection').waitFor();
    });
    kit.print('web.student_home.transfer_kb', home.transferred, 'KB');
    kit.print('web.student_home.uncompressed_kb', home.decoded, 'KB');
    // A reload: hashed assets come from the cache without asking the server again.
    assetRequestIds.clear();
    assetsFromServer = 0;
    const reload = await measure(async () => {
      await page.reload();
      await page.getByTestId('card-courses.selection').waitFor();
    });
    kit.print('web.student_home.reload_transfer_kb', reload.transferred, 'KB');
    kit.print('web.student_home.reload_assets_loaded', assetRequestIds.size, 'files');
    kit.print('web.student_home.reload_assets_asked_of_server', assetsFromServer, 'requests');
  } finally {
    await harness.close();
  }
}
