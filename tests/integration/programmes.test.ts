import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

/**
 * The programme builder's back end as 教务, group and major leads meet it: deleting drafts, copying to a
 * new cohort that says what it could not copy, a comparison with old → new values and the failing rules'
 * reasons, and the document's text parts (入学要求 … 毕业要求) stored on the programme and exported.
 */
let app: TestApp;
let jiaowu: TestClient;
let grouplead: TestClient;
let majorlead: TestClient;
const ids: Record<string, number> = {};

const one = (sql: string) => app.number(sql);
const en = { headers: { 'accept-language': 'en' } };
const count = (sql: string) => app.number(sql, 'n');

beforeAll(async () => {
  app = await createTestApp();
  [jiaowu, grouplead, majorlead] = await Promise.all([app.login('jiaowu'), app.login('grouplead'), app.login('majorlead')]);
  ids.major430401 = await one("SELECT id FROM majors WHERE code = '430401' AND institution_id = 1");
  ids.major420802 = await one("SELECT id FROM majors WHERE code = '420802' AND institution_id = 1");
  ids.source2024 = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2024`);
  ids.published2025 = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2025`);
  ids.yj304 = await one("SELECT id FROM courses WHERE code = 'YJ-304'");
  ids.gx107 = await one("SELECT id FROM courses WHERE code = 'GX-107'");
  ids.groupYJ = await one("SELECT id FROM professional_groups WHERE code = 'YJ'");
});
afterAll(async () => {
  await app?.close();
});

describe('deleting a draft', () => {
  it('its author deletes it, audited with the whole programme; the programme and its courses are gone', async () => {
    const draft = (await majorlead.post('/api/programmes', { majorId: ids.major430401, cohortYear: 2040, graduationCredits: 148 })).json();
    const composition = (await majorlead.get(`/api/programmes/${ids.published2025}`)).json().items.slice(0, 3);
    const saved = (
      await majorlead.put(`/api/programmes/${draft.id}`, {
        courses: composition.map((item: { courseId: number; termNo: number }) => ({ courseId: item.courseId, termNo: item.termNo })),
      })
    ).json();
    expect(await count(`SELECT count(*)::int AS n FROM programme_courses WHERE programme_id = ${draft.id}`)).toBe(3);

    // A stale revision is refused and deletes nothing.
    const stale = await majorlead.request('DELETE', `/api/programmes/${draft.id}?revision=${saved.revision - 1}`);
    expect(stale.statusCode).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM programmes WHERE id = ${draft.id}`)).toBe(1);

    const deleted = await majorlead.request('DELETE', `/api/programmes/${draft.id}?revision=${saved.revision}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ id: draft.id, deleted: true });
    expect(await count(`SELECT count(*)::int AS n FROM programmes WHERE id = ${draft.id}`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM programme_courses WHERE programme_id = ${draft.id}`)).toBe(0);
    expect((await majorlead.get(`/api/programmes/${draft.id}`)).statusCode).toBe(404);

    const [audit] = await app.sql<{ actor_name: string; before: { name: string; courses: unknown[] }; summary: string }>(
      `SELECT actor_name, before, summary FROM audit_log WHERE action = 'programme.delete' AND entity_id = '${draft.id}'`,
    );
    expect(audit!.before.name).toBe('钢铁智能冶金技术专业2040级人才培养方案');
    expect(audit!.before.courses).toHaveLength(3);
    expect(audit!.summary).toContain('删除培养方案草稿');
  });

  it('someone else who edits programmes may not delete another person’s draft; 教务 may', async () => {
    const draft = (await majorlead.post('/api/programmes', { majorId: ids.major430401, cohortYear: 2041, graduationCredits: 148 })).json();
    const refused = await grouplead.request('DELETE', `/api/programmes/${draft.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('NOT_AUTHOR');
    expect(refused.json().error.message).toBe('只有方案的创建人或教务可以删除草稿');
    const refusedEn = await grouplead.request('DELETE', `/api/programmes/${draft.id}`, en);
    expect(refusedEn.json().error.message).toBe('Only the author of the draft or academic affairs may delete it');
    expect(await count(`SELECT count(*)::int AS n FROM programmes WHERE id = ${draft.id}`)).toBe(1);

    expect((await jiaowu.request('DELETE', `/api/programmes/${draft.id}`)).statusCode).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM programmes WHERE id = ${draft.id}`)).toBe(0);
  });

  it('only drafts: a published programme is kept, with the reason in both languages', async () => {
    const refused = await jiaowu.request('DELETE', `/api/programmes/${ids.published2025}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('培养方案状态为“已发布（锁定）”，只有草稿可以删除');
    const refusedEn = await jiaowu.request('DELETE', `/api/programmes/${ids.published2025}`, en);
    expect(refusedEn.json().error.message).toBe('The programme is Published (locked); only drafts can be deleted');
    expect((await jiaowu.request('DELETE', `/api/programmes/${ids.published2025}?revision=abc`)).statusCode).toBe(400);
    expect(await app.sql(`SELECT status FROM programmes WHERE id = ${ids.published2025}`)).toEqual([{ status: 'published' }]);
  });

  it('a draft that was copied can still be deleted; its copy keeps working', async () => {
    const first = (await majorlead.post(`/api/programmes/${ids.published2025}/copy`, { cohortYear: 2042 })).json();
    const second = (await majorlead.post(`/api/programmes/${first.id}/copy`, { cohortYear: 2043 })).json();
    expect(second.copiedFromId).toBe(first.id);
    expect((await majorlead.request('DELETE', `/api/programmes/${first.id}`)).statusCode).toBe(200);
    const after = (await majorlead.get(`/api/programmes/${second.id}`)).json();
    expect(after.copiedFromId).toBeNull();
    expect(after.items.length).toBeGreaterThan(0);
  });
});

describe('copying to a new cohort says what it could not copy', () => {
  let replacementId: number;
  let sourceCredits: number;

  beforeAll(async () => {
    // YJ-304 is retired; the group adds a new course of the same kind (core, professional, 4 credits) to take its place.
    expect((await grouplead.post(`/api/courses/${ids.yj304}/retire`)).statusCode).toBe(200);
    const created = await grouplead.post('/api/courses', {
      code: 'YJ-305',
      name: '智能冶金新工艺',
      nameEn: 'New Processes in Smart Metallurgy',
      credits: 4,
      theoryHours: 32,
      practiceHours: 32,
      assessment: 'exam',
      layer: 'core',
      moduleType: 'professional',
      ownerGroupId: ids.groupYJ,
      publish: true,
    });
    expect(created.statusCode).toBe(201);
    replacementId = created.json().id;
    sourceCredits = (await majorlead.get(`/api/programmes/${ids.source2024}`)).json().check.metrics.totalCredits;
  });

  it('the preview lists the retired course with a proposed replacement and the newer version with its changes, old → new', async () => {
    const preview = await majorlead.post(`/api/programmes/${ids.source2024}/copy/preview`, { cohortYear: 2026 });
    expect(preview.statusCode).toBe(200);
    const plan = preview.json();
    expect(plan.name).toBe('钢铁智能冶金技术专业2026级人才培养方案');
    expect(plan.exists).toBe(false);
    expect(plan.issues.map((issue: { code: string; kind: string }) => [issue.code, issue.kind])).toEqual([
      ['GX-107', 'new_version'],
      ['YJ-304', 'retired'],
    ]);
    const retired = plan.issues.find((issue: { code: string }) => issue.code === 'YJ-304');
    expect(retired.uses).toEqual(['drop', 'replace']);
    expect(retired.use).toBe('drop');
    expect(retired.suggestedReplacementId).toBe(replacementId);
    expect(retired.replacements[0]).toMatchObject({ code: 'YJ-305', name: '智能冶金新工艺', credits: 4 });
    const revised = plan.issues.find((issue: { code: string }) => issue.code === 'GX-107');
    expect(revised).toMatchObject({ fromVersion: 1, toVersion: 2, use: 'current', uses: ['current', 'source'] });
    expect(revised.changes).toEqual(
      expect.arrayContaining([
        { field: 'theoryHours', from: 64, to: 56 },
        { field: 'practiceHours', from: 64, to: 72 },
        { field: 'certificateCodes', from: [], to: ['IM-P'] },
      ]),
    );
    // Dropping the 4-credit course (GX-107 keeps its 8 credits): the credits before and after.
    expect(plan.creditsBefore).toBe(sourceCredits);
    expect(plan.creditsAfter).toBe(sourceCredits - 4);
    // Nothing was written.
    expect(await count(`SELECT count(*)::int AS n FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2026`)).toBe(0);

    // With decisions: the replacement and the old version of GX-107.
    const decided = (
      await majorlead.post(`/api/programmes/${ids.source2024}/copy/preview`, {
        cohortYear: 2026,
        decisions: [
          { courseId: ids.yj304, use: 'replace', replacementId },
          { courseId: ids.gx107, use: 'source' },
        ],
      })
    ).json();
    expect(decided.creditsAfter).toBe(sourceCredits);
    expect(decided.issues.find((issue: { code: string }) => issue.code === 'YJ-304').replacementId).toBe(replacementId);
  });

  it('a copy without decisions leaves the retired course out and keeps the report on the copy', async () => {
    const copy = await majorlead.post(`/api/programmes/${ids.source2024}/copy`, { cohortYear: 2027 });
    expect(copy.statusCode).toBe(201);
    const copied = copy.json();
    expect(copied.items.map((item: { code: string }) => item.code)).not.toContain('YJ-304');
    expect(copied.items.find((item: { code: string }) => item.code === 'GX-107').versionNo).toBe(2);
    expect(copied.copyReport).toMatchObject({ sourceId: ids.source2024, creditsBefore: sourceCredits });
    expect(copied.copyReport.creditsAfter).toBe(copied.check.metrics.totalCredits);
    expect(copied.copyReport.entries.map((entry: { code: string; use: string }) => [entry.code, entry.use])).toEqual([
      ['GX-107', 'current'],
      ['YJ-304', 'drop'],
    ]);
    // The report stays with the programme.
    expect((await majorlead.get(`/api/programmes/${copied.id}`)).json().copyReport.entries).toHaveLength(2);
    const [audit] = await app.sql<{ summary: string }>(
      `SELECT summary FROM audit_log WHERE action = 'programme.copy' AND entity_id = '${copied.id}'`,
    );
    expect(audit!.summary).toContain(`总学分 ${sourceCredits} → ${copied.copyReport.creditsAfter}`);
  });

  it('a copy with decisions takes the replacement and keeps the old version where asked', async () => {
    const copied = (
      await majorlead.post(`/api/programmes/${ids.source2024}/copy`, {
        cohortYear: 2028,
        decisions: [
          { courseId: ids.yj304, use: 'replace', replacementId },
          { courseId: ids.gx107, use: 'source' },
        ],
      })
    ).json();
    const yj305 = copied.items.find((item: { code: string }) => item.code === 'YJ-305');
    expect(yj305).toMatchObject({ termNo: 5, isElective: false });
    expect(copied.items.find((item: { code: string }) => item.code === 'GX-107').versionNo).toBe(1);
    expect(copied.check.metrics.totalCredits).toBe(sourceCredits);
    expect(copied.copyReport.entries.find((entry: { code: string }) => entry.code === 'YJ-304').replacement).toEqual({
      code: 'YJ-305',
      name: '智能冶金新工艺',
      credits: 4,
    });
  });

  it('refuses decisions that do not fit, in both languages, and copies nothing', async () => {
    const cases = [
      {
        decisions: [{ courseId: ids.yj304, use: 'source' }],
        zh: '课程“YJ-304”不能选择“保留原版本”',
        en: 'Course YJ-304: you cannot keep the old version',
      },
      { decisions: [{ courseId: ids.yj304, use: 'replace' }], zh: '课程“YJ-304”的替换课程须是课程池中已发布、且不在方案中的课程' },
      { decisions: [{ courseId: ids.yj304, use: 'replace', replacementId: ids.gx107 }], zh: '课程“YJ-304”的替换课程' },
      { decisions: [{ courseId: 999999, use: 'drop' }], zh: '不需要决定' },
      { decisions: [{ courseId: ids.yj304, use: 'keep' }], status: 400 },
    ];
    for (const entry of cases) {
      const body = { cohortYear: 2029, decisions: entry.decisions };
      const refused = await majorlead.post(`/api/programmes/${ids.source2024}/copy`, body);
      expect(refused.statusCode, JSON.stringify(entry.decisions)).toBe(entry.status ?? 422);
      if (entry.zh) expect(refused.json().error.message).toContain(entry.zh);
      if (entry.en) expect((await majorlead.post(`/api/programmes/${ids.source2024}/copy`, body, en)).json().error.message).toBe(entry.en);
      expect((await majorlead.post(`/api/programmes/${ids.source2024}/copy/preview`, body)).statusCode).toBe(entry.status ?? 422);
    }
    expect(await count(`SELECT count(*)::int AS n FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2029`)).toBe(0);
  });

  it('the preview says when the cohort already has a programme', async () => {
    const plan = (await majorlead.post(`/api/programmes/${ids.source2024}/copy/preview`, { cohortYear: 2025 })).json();
    expect(plan.exists).toBe(true);
  });
});

describe('comparison', () => {
  it('gives old → new values of each changed field and the failing rules’ reasons', async () => {
    const source = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major420802} AND cohort_year = 2024`);
    const target = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major420802} AND cohort_year = 2025`);
    const comparison = (await grouplead.get(`/api/programmes/compare?left=${source}&right=${target}`)).json();
    const gx107 = comparison.rows.find((row: { code: string }) => row.code === 'GX-107');
    expect(gx107.changes).toEqual(
      expect.arrayContaining([
        { field: 'versionNo', from: 1, to: 2 },
        { field: 'theoryHours', from: 64, to: 56 },
        { field: 'practiceHours', from: 64, to: 72 },
        { field: 'description', from: null, to: '2025 版：增加数字孪生与工业机器人实践项目' },
      ]),
    );
    expect(gx107.differences).toEqual(gx107.changes.map((change: { field: string }) => change.field));
    expect(comparison.left.failures).toEqual([]);

    // An empty draft fails rules: each with its reason, in the request's language.
    const draft = (await majorlead.post('/api/programmes', { majorId: ids.major430401, cohortYear: 2044, graduationCredits: 148 })).json();
    const withDraft = (await majorlead.get(`/api/programmes/compare?left=${ids.published2025}&right=${draft.id}`)).json();
    expect(withDraft.right.passed).toBe(false);
    const shared = withDraft.right.failures.find((failure: { rule: string }) => failure.rule === 'shared_course_count');
    expect(shared.message).toContain('底层共享课程需 8 门');
    const inEnglish = (await majorlead.get(`/api/programmes/compare?left=${ids.published2025}&right=${draft.id}`, en)).json();
    expect(inEnglish.right.failures.find((failure: { rule: string }) => failure.rule === 'shared_course_count').message).toMatch(
      /^[\x20-\x7E–—’“”]+$/,
    );
  });
});

describe('the document’s text parts', () => {
  it('demo programmes carry text written from the seeds', async () => {
    const programme = (await majorlead.get(`/api/programmes/${ids.published2025}`)).json();
    expect(programme.texts.entryRequirements).toContain('中等职业学校毕业生');
    expect(programme.texts.studyDuration).toContain('3 年');
    expect(programme.texts.objective).toContain('高素质、强技能、能迁移、敢革新');
    expect(programme.texts.objective).toContain('钢铁智能冶金技术');
    expect(programme.texts.quality).toContain('有情怀、擅合作、具素养');
    expect(programme.texts.knowledge).toContain('生态文明、绿色制造基础、智能制造导论');
    expect(programme.texts.ability).toContain('懂技改、会创新');
    expect(programme.texts.graduationRequirements).toContain('初级 2 学分、中级 4 学分、高级 6 学分');
    // Lists leave the texts out.
    const list = (await majorlead.get('/api/programmes')).json();
    expect(list[0].texts).toBeUndefined();
  });

  it('a new programme starts with 入学要求 and 修业年限; the builder saves the parts; the .docx prints them', async () => {
    const draft = (await majorlead.post('/api/programmes', { majorId: ids.major430401, cohortYear: 2045, graduationCredits: 148 })).json();
    const fresh = (await majorlead.get(`/api/programmes/${draft.id}`)).json();
    expect(fresh.texts.studyDuration).toBe('基本修业年限 3 年，实行弹性学制，学生可在 3–5 年内完成学业。');
    expect(fresh.texts.objective).toBe('');

    const saved = await majorlead.put(`/api/programmes/${draft.id}`, {
      revision: fresh.revision,
      texts: { objective: '培养面向钢铁冶炼一线的准工匠。', ability: '（1）娴操作；\n（2）明工艺。' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().texts).toMatchObject({
      objective: '培养面向钢铁冶炼一线的准工匠。',
      ability: '（1）娴操作；\n（2）明工艺。',
      studyDuration: fresh.texts.studyDuration,
    });
    const [audit] = await app.sql<{ before: { texts: { objective: string } }; after: { texts: { objective: string } } }>(
      `SELECT before, after FROM audit_log WHERE action = 'programme.update' AND entity_id = '${draft.id}' ORDER BY id DESC LIMIT 1`,
    );
    expect([audit!.before.texts.objective, audit!.after.texts.objective]).toEqual(['', '培养面向钢铁冶炼一线的准工匠。']);

    const docx = await majorlead.get(`/api/programmes/${draft.id}/export.docx`);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('|');
    for (const part of [
      '一、专业名称与代码',
      '专业代码：430401',
      '四、培养目标',
      '培养面向钢铁冶炼一线的准工匠。',
      '（1）娴操作；',
      '（2）明工艺。',
      '八、毕业要求',
    ])
      expect(text).toContain(part);
    expect(text.indexOf('四、培养目标')).toBeLessThan(text.indexOf('培养面向钢铁冶炼一线的准工匠。'));
  });

  it('refuses a text part that is too long or unknown, and changes nothing', async () => {
    const draft = (await majorlead.post('/api/programmes', { majorId: ids.major430401, cohortYear: 2046, graduationCredits: 148 })).json();
    const long = await majorlead.put(`/api/programmes/${draft.id}`, { texts: { objective: '长'.repeat(4001) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await majorlead.put(`/api/programmes/${draft.id}`, { texts: { objective: 'x' } }, en)).statusCode).toBe(200);
    const unknown = await majorlead.put(`/api/programmes/${draft.id}`, { texts: { motto: '敢革新' } }, en);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/^[\x20-\x7E]+$/);
    const after = (await majorlead.get(`/api/programmes/${draft.id}`)).json();
    expect(after.texts.objective).toBe('x');
    expect(after.revision).toBe(draft.revision + 1);
    // A published programme's texts are locked like its courses.
    expect((await jiaowu.put(`/api/programmes/${ids.published2025}`, { texts: { objective: '改' } })).statusCode).toBe(409);
  });
});
