// Terms (学年学期) and their first teaching week: 教务 creates and edits them through the API and imports
// them; teaching weeks are counted from the Monday of week 1. Every change audited with before/after;
// bad dates refused with a message in both languages and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { makeXlsx } from '../support/xlsx.ts';

let app: TestApp;
let jiaowu: TestClient;
let jishi: TestClient;
let teacher: TestClient;
let institutionId: number;

beforeAll(async () => {
  app = await createTestApp();
  [jiaowu, jishi, teacher] = await Promise.all([app.login('jiaowu'), app.login('jishi'), app.login('teacher')]);
  institutionId = (await jiaowu.get('/api/auth/me')).json().institutionId;
});
afterAll(async () => {
  await app?.close();
});

interface TermRow {
  starts_on: string;
  ends_on: string;
  first_week_starts_on: string;
}
const termRow = async (code: string) =>
  (
    await app.sql<TermRow>(
      `SELECT starts_on::text, ends_on::text, first_week_starts_on::text FROM terms WHERE institution_id = ${institutionId} AND code = '${code}'`,
    )
  )[0];
const termCount = () => app.number('SELECT count(*)::int AS n FROM terms', 'n');

describe('the first teaching week of a term', () => {
  it('the demo terms (and those migrated) begin week 1 on the first Monday on or after their start', async () => {
    expect(await termRow('2026-2027-1')).toEqual({ starts_on: '2026-09-01', ends_on: '2027-01-20', first_week_starts_on: '2026-09-07' });
    const list = (await teacher.get('/api/terms')).json() as Array<{ code: string; firstWeekStartsOn: string; teachingWeeks: number }>;
    expect(list.find((term) => term.code === '2026-2027-1')).toMatchObject({ firstWeekStartsOn: '2026-09-07', teachingWeeks: 20 });
  });

  it('教务 creates a term with its first teaching week; without one it is the first Monday', async () => {
    const created = await jiaowu.post('/api/terms', {
      code: '2032-2033-1',
      startsOn: '2032-08-30',
      endsOn: '2033-01-16',
      firstWeekStartsOn: '2032-09-06',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ firstWeekStartsOn: '2032-09-06', teachingWeeks: 19, currentWeek: null });
    const defaulted = await jiaowu.post('/api/terms', { code: '2032-2033-2', startsOn: '2033-02-24', endsOn: '2033-07-10' });
    expect(defaulted.statusCode, defaulted.body).toBe(201);
    expect(defaulted.json().firstWeekStartsOn).toBe('2033-02-28');
  });

  it('edits the dates and the first week, audited with before and after', async () => {
    const id = await app.number(`SELECT id FROM terms WHERE institution_id = ${institutionId} AND code = '2032-2033-1'`);
    const moved = await jiaowu.patch(`/api/terms/${id}`, { firstWeekStartsOn: '2032-08-30' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      startsOn: '2032-08-30',
      endsOn: '2033-01-16',
      firstWeekStartsOn: '2032-08-30',
      teachingWeeks: 20,
    });
    const both = await jiaowu.patch(`/api/terms/${id}`, { startsOn: '2032-09-01', endsOn: '2033-01-20', firstWeekStartsOn: '2032-09-06' });
    expect(both.statusCode, both.body).toBe(200);
    expect(await termRow('2032-2033-1')).toEqual({ starts_on: '2032-09-01', ends_on: '2033-01-20', first_week_starts_on: '2032-09-06' });
    const audits = await app.sql<{ before: { firstWeekStartsOn: string }; after: { firstWeekStartsOn: string; code: string } }>(
      `SELECT before, after FROM audit_log WHERE action = 'term.update' AND entity_id = '${id}' ORDER BY id`,
    );
    expect(audits.map((audit) => [audit.before.firstWeekStartsOn, audit.after.firstWeekStartsOn])).toEqual([
      ['2032-09-06', '2032-08-30'],
      ['2032-08-30', '2032-09-06'],
    ]);
    expect(audits[0]!.after.code).toBe('2032-2033-1');
  });

  it('refuses a first week that is not a Monday or lies outside the term, an end before the start, in both languages; nothing written', async () => {
    const id = await app.number(`SELECT id FROM terms WHERE institution_id = ${institutionId} AND code = '2032-2033-1'`);
    const before = await termRow('2032-2033-1');
    const count = await termCount();
    const tuesday = await jiaowu.patch(`/api/terms/${id}`, { firstWeekStartsOn: '2032-09-07' });
    expect(tuesday.statusCode).toBe(400);
    expect(tuesday.json().error).toMatchObject({
      code: 'BAD_TERM_DATES',
      message: '第一教学周须从周一开始',
      details: { field: 'firstWeekStartsOn' },
    });
    const english = await jiaowu.patch(`/api/terms/${id}`, { firstWeekStartsOn: '2032-09-07' }, { headers: { 'accept-language': 'en' } });
    expect(english.json().error.message).toBe('The first teaching week begins on a Monday');
    const outside = await jiaowu.patch(`/api/terms/${id}`, { firstWeekStartsOn: '2033-01-24' });
    expect([outside.statusCode, outside.json().error.message]).toEqual([400, '第一教学周周一须在学期起止日期之内']);
    // Moving the start past the first week without moving it too.
    expect((await jiaowu.patch(`/api/terms/${id}`, { startsOn: '2032-09-10' })).statusCode).toBe(400);
    const reversed = await jiaowu.patch(`/api/terms/${id}`, { endsOn: '2032-08-01' });
    expect([reversed.statusCode, reversed.json().error.message]).toEqual([400, '学期结束日期须晚于开始日期']);
    expect((await jiaowu.patch(`/api/terms/${id}`, {})).statusCode).toBe(400);
    expect((await jiaowu.patch(`/api/terms/${id}`, { firstWeekStartsOn: '2032/09/06' })).statusCode).toBe(400);
    expect((await jiaowu.patch(`/api/terms/${id}`, { code: '2040-2041-1' })).statusCode).toBe(400);
    expect((await jiaowu.patch('/api/terms/99999999', { firstWeekStartsOn: '2032-09-06' })).statusCode).toBe(404);
    expect((await jishi.patch(`/api/terms/${id}`, { firstWeekStartsOn: '2032-08-30' })).statusCode).toBe(403);
    expect((await teacher.patch(`/api/terms/${id}`, { firstWeekStartsOn: '2032-08-30' })).statusCode).toBe(403);
    const noMonday = await jiaowu.post('/api/terms', { code: '2040-2041-1', startsOn: '2040-09-04', endsOn: '2040-09-08' });
    expect([noMonday.statusCode, noMonday.json().error.message]).toEqual([400, '学期内没有周一，无法安排第一教学周']);
    const sunday = await jiaowu.post('/api/terms', {
      code: '2040-2041-1',
      startsOn: '2040-09-01',
      endsOn: '2041-01-15',
      firstWeekStartsOn: '2040-09-02',
    });
    expect(sunday.statusCode).toBe(400);
    expect(await termRow('2032-2033-1')).toEqual(before);
    expect(await termCount()).toBe(count);
  });
});

describe('importing terms', () => {
  const preview = (headers: string[], rows: unknown[][]) =>
    makeXlsx(headers, rows).then((file) => jiaowu.upload('/api/imports/terms/preview', 'terms.xlsx', file));
  const commit = async (headers: string[], rows: unknown[][]) => {
    const previewed = await preview(headers, rows);
    expect(previewed.statusCode, previewed.body).toBe(201);
    const committed = await jiaowu.post(`/api/imports/batches/${previewed.json().id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    return previewed.json();
  };

  it('creates terms from 学期代码/开始日期/结束日期/第一教学周周一, the first week defaulted when the column is absent', async () => {
    const batch = await commit(
      ['学期代码', '开始日期', '结束日期', '第一教学周周一'],
      [
        ['2033-2034-1', '2033-09-01', '2034-01-15', '2033-09-12'],
        // A date cell typed in Excel, not text.
        ['2033-2034-2', new Date(Date.UTC(2034, 1, 20)), '2034-07-09', ''],
      ],
    );
    expect(batch.summary).toMatchObject({ create: 2, invalid: 0 });
    expect(await termRow('2033-2034-1')).toEqual({ starts_on: '2033-09-01', ends_on: '2034-01-15', first_week_starts_on: '2033-09-12' });
    expect(await termRow('2033-2034-2')).toEqual({ starts_on: '2034-02-20', ends_on: '2034-07-09', first_week_starts_on: '2034-02-20' });
    const [row] = await app.sql<{ academic_year: string; term_no: number }>(
      `SELECT academic_year, term_no FROM terms WHERE institution_id = ${institutionId} AND code = '2033-2034-2'`,
    );
    expect(row).toEqual({ academic_year: '2033-2034', term_no: 2 });
  });

  it('a file with 学期代码 + 第一教学周周一 changes only the first week; one with only the end date keeps the first week', async () => {
    const others = await app.sql(`SELECT * FROM terms WHERE code <> '2033-2034-1' ORDER BY id`);
    const batch = await commit(['学期代码', '第一教学周周一'], [['2033-2034-1', '2033-09-05']]);
    expect(batch.summary).toMatchObject({ update: 1 });
    expect(batch.summary.changedRows).toBe(1);
    expect(await termRow('2033-2034-1')).toEqual({ starts_on: '2033-09-01', ends_on: '2034-01-15', first_week_starts_on: '2033-09-05' });
    await commit(['学期代码', '结束日期'], [['2033-2034-1', '2034-01-22']]);
    expect(await termRow('2033-2034-1')).toEqual({ starts_on: '2033-09-01', ends_on: '2034-01-22', first_week_starts_on: '2033-09-05' });
    expect(await app.sql(`SELECT * FROM terms WHERE code <> '2033-2034-1' ORDER BY id`)).toEqual(others);
    const audits = await app.sql<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      "SELECT before, after FROM audit_log WHERE action = 'term.import_update' ORDER BY id",
    );
    expect(audits.map((audit) => [audit.before, audit.after])).toEqual([
      [{ firstWeekStartsOn: '2033-09-12' }, { firstWeekStartsOn: '2033-09-05' }],
      [{ endsOn: '2034-01-15' }, { endsOn: '2034-01-22' }],
    ]);
  });

  it('refuses bad codes, bad dates, a first week not on a Monday or outside the term, and a new term without its dates', async () => {
    const count = await termCount();
    const batch = await preview(
      ['学期代码', '开始日期', '结束日期', '第一教学周周一'],
      [
        ['2033-2035-1', '2033-09-01', '2034-01-15', ''],
        ['2035-2036-1', '2035-02-30', '2036-01-15', ''],
        ['2035-2036-2', '2036-02-20', '2036-07-09', '2036-02-26'],
        ['2033-2034-1', '', '', '2034-02-06'],
        ['2036-2037-1', '', '2037-01-15', ''],
      ],
    );
    expect(batch.statusCode).toBe(201);
    const reasons = (batch.json().errors as Array<{ row: number; column: string; reason: string }>).map((error) => [
      error.row,
      error.column,
      error.reason,
    ]);
    expect(reasons).toEqual([
      [2, 'code', '学期代码应形如 2026-2027-1（相邻两年与学期 1 或 2）'],
      [3, 'startsOn', '日期格式应为 YYYY-MM-DD'],
      [4, 'firstWeekStartsOn', '第一教学周须从周一开始'],
      [5, 'firstWeekStartsOn', '第一教学周周一须在学期起止日期之内'],
      [6, 'startsOn', expect.any(String)],
    ]);
    expect(batch.json().summary).toMatchObject({ invalid: 5, create: 0, update: 0 });
    expect((await jiaowu.post(`/api/imports/batches/${batch.json().id}/commit`)).statusCode).toBeGreaterThanOrEqual(400);
    expect(await termCount()).toBe(count);
  });

  it('exports the terms in the template’s shape, and the export re-imports as unchanged', async () => {
    const exported = await jiaowu.get('/api/exports/terms');
    expect(exported.statusCode).toBe(200);
    const again = await jiaowu.upload('/api/imports/terms/preview', 'terms.xlsx', exported.rawPayload);
    expect(again.json().summary).toMatchObject({ create: 0, update: 0, invalid: 0 });
    expect(again.json().summary.unchanged).toBeGreaterThan(8);
  });
});
