/**
 * creditbank.*: the issuing body's spreadsheet of 10,000 certificate results imported to the ledger
 * (and imported again), and the verification of a 1,000,000-entry hash chain.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../server/db/connection.ts';
import { seedDemoData } from '../server/demo/seed.ts';
import { verifyLedger } from '../server/modules/creditbank/ledger.ts';
import { certificateLevelLabels, type CertificateLevel } from '../server/modules/creditbank/rules.ts';
import type { PiiCipher } from '../server/platform/pii.ts';
import { SeededRandom } from '../server/demo/random.ts';
import { sealedAt } from '../server/modules/org/read.ts';

export interface BenchKit {
  pii: PiiCipher;
  print(key: string, value: number, unit: string): void;
  freshDatabase(kind: 'pglite' | 'pg', name: string): Promise<Database>;
  appOn(database: Database): Promise<{ fastify: FastifyInstance; cookie: string; csrf: string }>;
  multipart(data: Buffer): { body: Buffer; contentType: string };
}

const count = async (database: Database, sql: string) => Number((await database.query<{ n: number | string }>(sql))[0]!.n);

/** 10,000 rows as an issuing body sends them: one certificate per row, 2 % with a name that does not match. */
export async function resultsWorkbook(database: Database, pii: PiiCipher, rows: number): Promise<{ file: Buffer; mismatched: number }> {
  const people = await database.query<{ id: number; name: string; id_number_enc: string }>(
    "SELECT s.id, s.name, s.id_number_enc FROM students s JOIN institutions i ON i.id = s.institution_id WHERE i.code = 'TJPC' AND s.id_number_enc IS NOT NULL ORDER BY s.id",
  );
  const catalogue = await database.query<{ code: string; levels: CertificateLevel[] }>(
    "SELECT code, levels FROM certificates WHERE status = 'active' ORDER BY code",
  );
  const random = new SeededRandom(4242);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('证书成绩');
  sheet.addRow(['姓名', '身份证号', '证书代码', '等级', '证书编号', '发证日期', '发证机构']);
  let mismatched = 0;
  for (let i = 0; i < rows; i++) {
    const person = people[i % people.length]!;
    const certificate = catalogue[(i * 7 + Math.floor(i / people.length)) % catalogue.length]!;
    const level = certificate.levels[random.int(0, Math.min(2, certificate.levels.length - 1))]!;
    const wrongName = random.chance(0.02);
    if (wrongName) mismatched += 1;
    sheet.addRow([
      wrongName ? `${person.name}某` : person.name,
      pii.decrypt(person.id_number_enc, sealedAt('students', 'id_number_enc', Number(person.id))),
      certificate.code,
      certificateLevelLabels[level]['zh-CN'],
      `TJ-2026-${String(i).padStart(7, '0')}`,
      '2026-06-30',
      '天津市职业技能鉴定指导中心',
    ]);
  }
  return { file: Buffer.from(await workbook.xlsx.writeBuffer()), mismatched };
}

async function importOnce(fastify: FastifyInstance, cookie: string, csrf: string, upload: { body: Buffer; contentType: string }) {
  const started = performance.now();
  const preview = await fastify.inject({
    method: 'POST',
    url: '/api/imports/certificate_results/preview',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': upload.contentType },
    payload: upload.body,
  });
  if (preview.statusCode !== 201 || preview.json().errors.length > 0) throw new Error(`preview failed: ${preview.body.slice(0, 300)}`);
  const previewed = performance.now();
  const commit = await fastify.inject({
    method: 'POST',
    url: `/api/imports/batches/${preview.json().id}/commit`,
    headers: { cookie, 'x-csrf-token': csrf },
  });
  if (commit.statusCode !== 200) throw new Error(`commit failed: ${commit.body.slice(0, 300)}`);
  if (process.env.BENCH_VERBOSE)
    console.log(`# preview ${(previewed - started).toFixed(0)} ms, commit ${(performance.now() - previewed).toFixed(0)} ms`);
  return commit.json().summary as { create: number; unchanged: number };
}

/** BENCH_CREDITBANK_PART=bulk or verify runs one half while tuning. */
export async function creditbankBench(kit: BenchKit, part?: string): Promise<void> {
  if (part !== 'verify') await bulkImport(kit);
  if (part !== 'bulk') await verifyMillion(kit);
}

/** creditbank.bulk10k.pg.seconds and .rerun_added: parse, match, convert, ledger; then the same file again. */
async function bulkImport(kit: BenchKit) {
  const database = await kit.freshDatabase('pg', 'bench_creditbank_import');
  await seedDemoData(database.db, kit.pii, { students: 12_000 });
  const { fastify, cookie, csrf } = await kit.appOn(database);
  const { file, mismatched } = await resultsWorkbook(database, kit.pii, 10_000);
  const upload = kit.multipart(file);
  const ledgerBefore = await count(database, 'SELECT count(*) AS n FROM ledger_entries');
  const started = performance.now();
  const first = await importOnce(fastify, cookie, csrf, upload);
  kit.print('creditbank.bulk10k.pg.seconds', (performance.now() - started) / 1000, 's');
  const granted = (await count(database, 'SELECT count(*) AS n FROM ledger_entries')) - ledgerBefore;
  const queued = await count(database, 'SELECT count(*) AS n FROM certificate_import_reviews');
  if (first.create !== 10_000 || granted + queued !== 10_000 || queued < mismatched)
    throw new Error(`bulk import lost rows: ${JSON.stringify({ first, granted, queued, mismatched })}`);
  kit.print('creditbank.bulk10k.pg.ledger_entries', granted, 'entries');
  // Beyond the 2 % misspelt names, a few generated students share an ID number: those rows are ambiguous, and queued too.
  kit.print('creditbank.bulk10k.pg.review_queue', queued, 'rows');

  const rerunStarted = performance.now();
  const second = await importOnce(fastify, cookie, csrf, upload);
  const rerunSeconds = (performance.now() - rerunStarted) / 1000;
  const added = (await count(database, 'SELECT count(*) AS n FROM ledger_entries')) - ledgerBefore - granted;
  if (second.unchanged !== 10_000) throw new Error(`re-import planned changes: ${JSON.stringify(second)}`);
  kit.print('creditbank.bulk10k.pg.rerun_added', added, 'entries');
  kit.print('creditbank.bulk10k.pg.rerun_seconds', rerunSeconds, 's');
  const verification = await verifyLedger(database.db, 1);
  if (!verification.intact) throw new Error('ledger not intact after the import');

  // Baseline: the same number of ledger entries appended alone (no spreadsheet, matching or conversion).
  const baselineStarted = performance.now();
  await database.query(`SELECT count(*) FROM creditbank_append(1, (SELECT jsonb_agg(jsonb_build_object('student', student_id, 'outcome', outcome_id, 'kind', 'reversal',
    'category', category, 'credits', -credits, 'reason', 'bench baseline')) FROM ledger_entries WHERE kind = 'grant' AND category = 'certificate'))`);
  kit.print('creditbank.bulk10k.pg.baseline_ledger_append_seconds', (performance.now() - baselineStarted) / 1000, 's');
  await fastify.close();
  await database.close();
}

/** creditbank.verify1m.pg.seconds: a 1,000,000-entry chain, built by creditbank_append itself, verified end to end. */
async function verifyMillion(kit: BenchKit) {
  const total = Number(process.env.BENCH_LEDGER_ENTRIES ?? 1_000_000);
  const database = await kit.freshDatabase('pg', 'bench_creditbank_verify');
  await seedDemoData(database.db, kit.pii, { students: 1_000 });
  const buildStarted = performance.now();
  const courseId = (await database.query<{ id: number }>('SELECT id FROM courses ORDER BY id LIMIT 1'))[0]!.id;
  await database.query(
    `INSERT INTO learning_outcomes (institution_id, student_id, kind, identity_key, earned_credit_id, course_id, course_credits, source, status, decided_at)
    SELECT 1, s.id, 'course_credit', 'course_credit:' || g, g, $1, 2 + (g % 3), 'courses', 'granted', now()
    FROM generate_series(1, $2::int) g JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n FROM students) s ON s.k = g % s.n`,
    [courseId, total],
  );
  const [{ first }] = await database.query<{ first: number }>('SELECT min(id) AS first FROM learning_outcomes');
  const appendStarted = performance.now();
  const chunk = 25_000;
  for (let start = Number(first); start < Number(first) + total; start += chunk) {
    await database.query(
      `SELECT count(*) FROM creditbank_append(1, (SELECT jsonb_agg(jsonb_build_object('student', student_id, 'outcome', id, 'kind', 'grant', 'category', 'course',
      'credits', course_credits) ORDER BY id) FROM learning_outcomes WHERE id >= $1 AND id < $2))`,
      [start, start + chunk],
    );
  }
  kit.print('creditbank.verify1m.pg.append_seconds', (performance.now() - appendStarted) / 1000, 's');
  await database.execScript('VACUUM ANALYZE ledger_entries');
  kit.print('creditbank.verify1m.pg.build_seconds', (performance.now() - buildStarted) / 1000, 's');
  const entries = await count(database, 'SELECT count(*) AS n FROM ledger_entries');

  const started = performance.now();
  const verification = await verifyLedger(database.db, 1);
  kit.print('creditbank.verify1m.pg.seconds', (performance.now() - started) / 1000, 's');
  if (verification.entries !== entries || !verification.intact)
    throw new Error(`verification: ${JSON.stringify({ ...verification, problems: verification.problems.slice(0, 3) })}`);
  kit.print('creditbank.verify1m.pg.entries', entries, 'entries');

  // Baselines: reading every entry once, and hashing every entry's stored hash once (no content rebuilt).
  const scanStarted = performance.now();
  await database.query('SELECT count(*), sum(length(hash)) FROM ledger_entries');
  kit.print('creditbank.verify1m.pg.baseline_scan_seconds', (performance.now() - scanStarted) / 1000, 's');
  const hashStarted = performance.now();
  await database.query("SELECT count(*) FROM ledger_entries WHERE sha256(convert_to(prev_hash || hash, 'UTF8')) IS NULL");
  kit.print('creditbank.verify1m.pg.baseline_sha256_seconds', (performance.now() - hashStarted) / 1000, 's');

  // The tamper check on the same chain: one changed credit is named.
  await database.execScript('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update');
  await database.execScript(`UPDATE ledger_entries SET credits = credits + 1 WHERE seq = ${Math.floor(total / 2)}`);
  const tampered = await verifyLedger(database.db, 1);
  if (tampered.problems.length !== 1 || tampered.problems[0]!.seq !== Math.floor(total / 2))
    throw new Error(`tamper not named: ${JSON.stringify(tampered.problems.slice(0, 3))}`);
  await database.close();
}
