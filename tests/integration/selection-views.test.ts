/**
 * What a student sees before they click (issue 12): each section's availability and the reason it
 * is not open to them, decided by the same rules that refuse the selection; full sections offer the
 * waitlist with its length; positions move as the queue does.
 */
import crypto from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStudentSessions } from '../support/sessions.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

let app: TestApp;
let student: TestClient;
let jiaowu: TestClient;
const requestId = () => crypto.randomUUID();

interface ViewSection {
  id: number;
  code: string;
  courseCode: string;
  courseName: string;
  credits: number;
  capacity: number;
  enrolledCount: number;
  waitlistCount: number;
  ownerGroupName: string | null;
  availability: 'held' | 'open' | 'waitlist' | 'blocked';
  blockedReason: string | null;
  blockedMessage: string | null;
  meetings: Array<{ weekday: number; firstPeriod: number; lastPeriod: number }>;
}
interface View {
  windows: Array<{ id: number; mode: string; creditCap: number; heldCredits: number; sections: ViewSection[] }>;
  enrolments: Array<{ sectionId: number; status: string; position: number | null }>;
}

const view = async (client: TestClient = student, language = 'zh-CN'): Promise<View> => {
  const response = await client.get('/api/me/selection', { headers: { 'accept-language': language } });
  expect(response.statusCode).toBe(200);
  return response.json();
};
const firstCome = (data: View) => data.windows.find((window) => window.mode === 'first_come')!;
const section = (data: View, code: string) => firstCome(data).sections.find((entry) => entry.code === code)!;
const select = (client: TestClient, sectionId: number, language = 'zh-CN') =>
  client.post('/api/me/selections', { sectionId, requestId: requestId() }, { headers: { 'accept-language': language } });

/** Every blocked section is refused by the selection with the same reason and the same words. */
async function expectRefusalsAgree(client: TestClient, data: View, language = 'zh-CN') {
  const blocked = firstCome(data).sections.filter((entry) => entry.availability === 'blocked');
  expect(blocked.length).toBeGreaterThan(0);
  for (const entry of blocked) {
    const answer = await select(client, entry.id, language);
    expect(answer.statusCode, entry.code).toBe(409);
    expect(answer.json().error, entry.code).toMatchObject({ details: { reason: entry.blockedReason }, message: entry.blockedMessage });
  }
}

beforeAll(async () => {
  app = await createTestApp();
  [student, jiaowu] = await Promise.all([app.login('student'), app.login('jiaowu')]);
});
afterAll(async () => {
  await app?.close();
});

describe('the student’s section view', () => {
  it('shows own-group courses as blocked with the reason, others open, with the owning group named', async () => {
    const data = await view();
    const own = section(data, 'YJ-401-01');
    expect(own).toMatchObject({
      availability: 'blocked',
      blockedReason: 'own_group_extension',
      blockedMessage: '《绿色低碳冶金技术》是本专业群课程，不能作为跨群拓展课选修',
    });
    expect(section(data, 'KZ-401-01')).toMatchObject({ availability: 'open', blockedReason: null, blockedMessage: null });
    expect(section(data, 'KZ-401-01').ownerGroupName).toBeTruthy();
    expect(firstCome(data).heldCredits).toBe(0);
    await expectRefusalsAgree(student, data);
  });

  it('after a selection: the section is held, the other section of the course and clashing sections are blocked', async () => {
    const taken = section(await view(), 'KZ-401-01');
    // A cross-group section at the same time (the demo timetable has none): moved there by 教务.
    const moved = await jiaowu.patch(`/api/sections/${section(await view(), 'HL-403-01').id}`, { meetings: taken.meetings });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await select(student, taken.id)).json().outcome).toBe('enrolled');
    const data = await view();
    expect(section(data, 'KZ-401-01').availability).toBe('held');
    expect(section(data, 'KZ-401-02')).toMatchObject({ availability: 'blocked', blockedReason: 'same_course' });
    expect(section(data, 'KZ-401-02').blockedMessage).toContain('智能产线集成');
    const meeting = taken.meetings[0]!;
    const clashing = firstCome(data).sections.filter(
      (entry) =>
        entry.courseCode !== 'KZ-401' &&
        !entry.courseCode.startsWith('YJ-') &&
        entry.meetings.some(
          (other) =>
            other.weekday === meeting.weekday && other.firstPeriod <= meeting.lastPeriod && meeting.firstPeriod <= other.lastPeriod,
        ),
    );
    expect(clashing.map((entry) => entry.code)).toContain('HL-403-01');
    for (const entry of clashing) {
      expect(entry, entry.code).toMatchObject({ availability: 'blocked', blockedReason: 'time_clash' });
      expect(entry.blockedMessage).toBe('与已选课程《智能产线集成》上课时间冲突');
    }
    expect(firstCome(data).heldCredits).toBe(4);
    await expectRefusalsAgree(student, data);
  });

  it('blocks what would pass the credit cap, naming the cap and the credits held', async () => {
    // Two more 4-credit courses reach the cap of 12; any further course would pass it.
    for (let added = 0; added < 2; added += 1) {
      const open = firstCome(await view()).sections.find((entry) => entry.availability === 'open')!;
      expect((await select(student, open.id)).json().outcome).toBe('enrolled');
    }
    const data = await view();
    expect(firstCome(data).heldCredits).toBe(12);
    const capped = firstCome(data).sections.filter((entry) => entry.blockedReason === 'credit_cap');
    expect(capped.length).toBeGreaterThan(0);
    expect(capped[0]!.blockedMessage).toBe('本学期选课学分上限 12，已选 12 学分，再选 4 学分将超出');
    expect(firstCome(data).sections.filter((entry) => entry.availability === 'open')).toEqual([]);
    await expectRefusalsAgree(student, data);
  });

  it('gives the reasons in English with the courses’ English names', async () => {
    const data = await view(student, 'en');
    expect(section(data, 'YJ-401-01').blockedMessage).toBe(
      'Low-carbon Metallurgy belongs to your own group; it does not count as a cross-group elective',
    );
    expect(section(data, 'YJ-401-01').blockedMessage).not.toMatch(/[\u4e00-\u9fff]/);
    expect(section(data, 'KZ-401-02').blockedMessage).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('offers the waitlist of a full section with its length, and the position moves when someone ahead leaves', async () => {
    const target = section(await view(), 'HL-404-02');
    const others = await app.sql<{ id: number }>(
      `SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id
       WHERE s.cohort_year = 2025 AND g.code = 'KZ' AND s.status = 'enrolled' ORDER BY s.id LIMIT 3`,
    );
    const clients = (
      await seedStudentSessions(
        app.sql,
        others.map((row) => row.id),
      )
    ).map((session) => app.withSession(session.cookie, session.csrfToken));
    expect((await jiaowu.patch(`/api/sections/${target.id}`, { capacity: 1 })).statusCode).toBe(200);
    expect((await select(clients[0]!, target.id)).json().outcome).toBe('enrolled');
    expect((await select(clients[1]!, target.id)).json()).toMatchObject({ outcome: 'waitlisted', position: 1 });

    const fresh = await view(clients[2]!);
    expect(section(fresh, 'HL-404-02')).toMatchObject({ availability: 'waitlist', enrolledCount: 1, capacity: 1, waitlistCount: 1 });
    expect((await select(clients[2]!, target.id)).json()).toMatchObject({ outcome: 'waitlisted', position: 2 });
    const waiting = await view(clients[2]!);
    expect(section(waiting, 'HL-404-02')).toMatchObject({ availability: 'held', waitlistCount: 2 });
    expect(waiting.enrolments.find((entry) => entry.sectionId === target.id)).toMatchObject({ status: 'waitlisted', position: 2 });

    // The one ahead leaves the queue: the next view shows position 1.
    expect((await clients[1]!.post('/api/me/selections/drop', { sectionId: target.id, requestId: requestId() })).json().outcome).toBe(
      'left_waitlist',
    );
    expect((await view(clients[2]!)).enrolments.find((entry) => entry.sectionId === target.id)).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
  });

  it('shows a full section whose waitlist is full as blocked, as the selection refuses it', async () => {
    const windowId = firstCome(await view()).id;
    const target = section(await view(), 'HL-404-02');
    expect((await jiaowu.patch(`/api/selection-windows/${windowId}`, { waitlistLimit: 1 })).statusCode).toBe(200);
    const [outsider] = await app.sql<{ id: number }>(
      `SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id
       WHERE s.cohort_year = 2025 AND g.code = 'KZ' AND s.status = 'enrolled' ORDER BY s.id OFFSET 5 LIMIT 1`,
    );
    const [session] = await seedStudentSessions(app.sql, [outsider!.id]);
    const client = app.withSession(session!.cookie, session!.csrfToken);
    const data = await view(client);
    expect(section(data, 'HL-404-02')).toMatchObject({
      availability: 'blocked',
      blockedReason: 'waitlist_full',
      blockedMessage: '教学班已满，候补名额也已满',
    });
    const answer = await select(client, target.id);
    expect(answer.json().error).toMatchObject({ details: { reason: 'waitlist_full' }, message: '教学班已满，候补名额也已满' });
  });
});

describe('the student’s whole term, and the period timetable', () => {
  interface Timetable {
    termId: number | null;
    term: { id: number; code: string; name: string; programmeTermNo: number; weeks: number } | null;
    terms: Array<{ id: number; code: string; name: string; programmeTermNo: number }>;
    items: Array<{ courseCode: string; sectionCode: string; kind: string; source: string; sectionId: number }>;
    unscheduled: Array<{ courseCode: string; courseName: string; credits: number; layer: string }>;
    periods: Array<{ period: number; startsAt: string; endsAt: string }>;
  }
  const timetable = async (query = '', language = 'zh-CN'): Promise<Timetable> => {
    const response = await student.get(`/api/me/timetable${query}`, { headers: { 'accept-language': language } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const termOf = (code: string) => app.number(`SELECT id FROM terms WHERE code = '${code}' AND institution_id = 1`);
  const calendarOf = async (query: string, language = 'zh-CN') => {
    const response = await student.get(`/api/me/timetable.ics${query}`, { headers: { 'accept-language': language } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    return {
      disposition: String(response.headers['content-disposition']),
      name: calendar.getFirstPropertyValue('x-wr-calname'),
      events: calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)),
    };
  };
  const beijing = (date: Date) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(date);
  const starts = (event: ICAL.Event) => {
    const iterator = event.iterator();
    const found: Date[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) found.push(next.toJSDate());
    return found;
  };

  it('opens on the term being chosen for, named in full, with the electives held and the required courses not scheduled yet', async () => {
    const data = await timetable();
    expect(data.term).toMatchObject({ code: '2026-2027-2', name: '2026-2027学年第二学期', programmeTermNo: 6 });
    // The terms of the programme (cohort 2024: six terms), each with its whole name.
    expect(data.terms.map((term) => [term.code, term.name, term.programmeTermNo])).toEqual([
      ['2024-2025-1', '2024-2025学年第一学期', 1],
      ['2024-2025-2', '2024-2025学年第二学期', 2],
      ['2025-2026-1', '2025-2026学年第一学期', 3],
      ['2025-2026-2', '2025-2026学年第二学期', 4],
      ['2026-2027-1', '2026-2027学年第一学期', 5],
      ['2026-2027-2', '2026-2027学年第二学期', 6],
    ]);
    expect(data.items.map((item) => [item.courseCode, item.kind])).toEqual(expect.arrayContaining([['KZ-401', 'elective']]));
    expect(data.unscheduled).toEqual([
      expect.objectContaining({ courseCode: 'YJ-504', courseName: '岗位实习', credits: 24, layer: 'core' }),
    ]);
    expect(data.periods).toHaveLength(12);
    expect(data.periods[2]).toEqual({ period: 3, startsAt: '10:00', endsAt: '10:45' });
    const english = await timetable('', 'en');
    expect(english.term!.name).toBe('2026-2027, term 2');
  });

  it('shows the class’s required courses of a past term, and refuses a term that is not the student’s', async () => {
    const first = await timetable(`?termId=${await termOf('2024-2025-1')}`);
    expect(first.items.map((item) => [item.courseCode, item.kind, item.source])).toEqual([
      ['GX-101', 'required', 'assigned'],
      ['GX-102', 'required', 'assigned'],
      ['GX-104', 'required', 'assigned'],
      ['GX-108', 'required', 'assigned'],
    ]);
    expect(first.unscheduled).toEqual([]);
    const current = await timetable(`?termId=${await termOf('2026-2027-1')}`);
    expect(current.items).toEqual([]);
    expect(current.unscheduled.map((course) => course.courseCode)).toEqual(['YJ-303', 'YJ-304', 'YJ-501', 'YJ-502', 'YJ-503']);
    // Before the cohort came, and another institution's term: not the student's.
    for (const other of [await termOf('2023-2024-1'), await app.number('SELECT id FROM terms WHERE institution_id <> 1 LIMIT 1')]) {
      const response = await student.get(`/api/me/timetable?termId=${other}`);
      expect(response.statusCode).toBe(404);
      expect((await student.get(`/api/me/timetable.ics?termId=${other}`)).statusCode).toBe(404);
    }
  });

  it('exports the term to an .ics file that ical.js reads: each meeting weekly, at the period timetable’s times', async () => {
    const termId = await termOf('2026-2027-2');
    const { disposition, name, events } = await calendarOf(`?termId=${termId}`);
    expect(disposition).toContain("filename*=UTF-8''timetable-2026-2027-2.ics");
    expect(name).toBe('我的课表 2026-2027学年第二学期');
    const held = (await timetable(`?termId=${termId}`)).items;
    expect(events).toHaveLength(held.length);
    const kz = events.find((event) => event.summary === '智能产线集成（KZ-401-01）')!;
    expect(kz.location).toMatch(/^实训楼/);
    expect(kz.description).toContain('KZ-401 智能产线集成，4 学分');
    // Thursday periods 3–4, weeks 1–16, from the Monday of week 1 (2027-02-22).
    const classes = starts(kz);
    expect(classes).toHaveLength(16);
    expect(beijing(classes[0]!)).toBe('2027-02-25 10:00');
    expect(beijing(classes[15]!)).toBe('2027-06-10 10:00');
    expect(beijing(kz.endDate.toJSDate())).toBe('2027-02-25 11:40');
    const english = await calendarOf(`?termId=${termId}`, 'en');
    expect(english.name).toBe('My timetable, 2026-2027, term 2');
    expect(english.events.map((event) => event.summary)).toContain('Smart Production Lines (KZ-401-01)');
  });

  it('教务 sets the period timetable: the timetable and the .ics follow, audited with before and after', async () => {
    const periods = Array.from({ length: 10 }, (_, index) => {
      const start = 8 * 60 + 30 + index * 55;
      const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      return { period: index + 1, startsAt: clock(start), endsAt: clock(start + 45) };
    });
    const saved = await jiaowu.put('/api/institutions/1/period-times', { periods });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ institutionId: 1, isDefault: false, periods });
    expect((await timetable()).periods).toEqual(periods);
    const kz = (await calendarOf(`?termId=${await termOf('2026-2027-2')}`)).events.find(
      (event) => event.summary === '智能产线集成（KZ-401-01）',
    )!;
    expect(beijing(kz.startDate.toJSDate())).toBe('2027-02-25 10:20');
    expect(beijing(kz.endDate.toJSDate())).toBe('2027-02-25 12:00');
    const [audit] = await app.sql<{ before: { isDefault: boolean }; after: { periods: unknown[] } }>(
      "SELECT before, after FROM audit_log WHERE action = 'period_times.update' ORDER BY id DESC LIMIT 1",
    );
    expect(audit!.before.isDefault).toBe(true);
    expect(audit!.after.periods).toEqual(periods);
  });

  it('refuses a period timetable that cannot be, in both languages, and changes nothing', async () => {
    const before = (await jiaowu.get('/api/institutions/1/period-times')).json();
    const audits = await app.number("SELECT count(*)::int AS n FROM audit_log WHERE action = 'period_times.update'", 'n');
    const overlap = [
      { period: 1, startsAt: '08:00', endsAt: '08:45' },
      { period: 2, startsAt: '08:30', endsAt: '09:15' },
    ];
    const zh = await jiaowu.put('/api/institutions/1/period-times', { periods: overlap });
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error.message).toBe('第 2 节须在第 1 节下课后开始');
    const en = await jiaowu.put('/api/institutions/1/period-times', { periods: overlap }, { headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toBe('Period 2 must begin after period 1 ends');
    const gap = await jiaowu.put('/api/institutions/1/period-times', { periods: [{ period: 2, startsAt: '08:00', endsAt: '08:45' }] });
    expect(gap.statusCode).toBe(422);
    expect(gap.json().error.message).toBe('第 1 节写成了第 2 节：节次须从 1 起依次编号');
    for (const bad of [{ periods: [] }, { periods: [{ period: 1, startsAt: '8:00', endsAt: '08:45' }] }, { periods: 'x' }]) {
      const response = await jiaowu.put('/api/institutions/1/period-times', bad);
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json().error.message).toBeTruthy();
    }
    expect((await jiaowu.get('/api/institutions/1/period-times')).json()).toEqual(before);
    expect(await app.number("SELECT count(*)::int AS n FROM audit_log WHERE action = 'period_times.update'", 'n')).toBe(audits);
    // A student may read the times in their timetable but not change them.
    expect((await student.put('/api/institutions/1/period-times', { periods: overlap.slice(0, 1) })).statusCode).toBe(403);
    expect((await jiaowu.get('/api/institutions/999999/period-times')).statusCode).toBe(404);
  });
});

describe('the student’s progress beyond what is earned', () => {
  interface Progress {
    layers: Record<
      'shared' | 'core' | 'crossGroupExtension' | 'total',
      { required: number; earned: number; inProgress: number; remaining: number }
    >;
    earned: Array<{ code: string }>;
    inProgress: Array<{ code: string; crossGroup: boolean; termCode: string; sectionCode: string; layer: string }>;
    outstanding: Array<{ code: string; termNo: number; layer: string; inProgress: boolean; credits: number }>;
  }
  const progress = async (): Promise<Progress> => (await student.get('/api/me/progress')).json().progress;

  it('shows the electives under way and, per layer, what is still required with the required courses not passed', async () => {
    const data = await progress();
    expect(data.inProgress.map((course) => [course.code, course.crossGroup, course.termCode])).toEqual([
      ['HL-401', true, '2026-2027-2'],
      ['HL-402', true, '2026-2027-2'],
      ['KZ-401', true, '2026-2027-2'],
    ]);
    expect(data.layers.crossGroupExtension).toEqual({ required: 16, earned: 0, inProgress: 12, remaining: 16 });
    const earned = new Set(data.earned.map((entry) => entry.code));
    expect(data.outstanding.some((course) => earned.has(course.code))).toBe(false);
    expect(data.outstanding).toContainEqual(
      expect.objectContaining({ code: 'YJ-504', termNo: 6, layer: 'core', inProgress: false, credits: 24 }),
    );
    expect(data.outstanding.map((course) => course.code)).toEqual(expect.arrayContaining(['GX-103', 'YJ-201', 'YJ-303']));
    for (const key of ['shared', 'core', 'total'] as const) {
      const layer = data.layers[key];
      expect(layer.remaining, key).toBe(Math.max(0, Math.round((layer.required - layer.earned) * 10) / 10));
    }
  });

  it('counts a required course of the class under way once its section is scheduled, and the timetable shows it as required', async () => {
    const before = await progress();
    const [row] = await app.sql<{ class_id: number; term_id: number; course_id: number; teacher_id: number }>(
      `SELECT s.class_id, (SELECT id FROM terms WHERE code = '2026-2027-1' AND institution_id = 1) AS term_id,
              (SELECT id FROM courses WHERE code = 'YJ-303') AS course_id, (SELECT id FROM teachers ORDER BY staff_no LIMIT 1) AS teacher_id
       FROM students s JOIN users u ON u.student_id = s.id WHERE u.username = 'student'`,
    );
    const created = await jiaowu.post('/api/sections', {
      termId: Number(row!.term_id),
      courseId: Number(row!.course_id),
      code: 'YJ-303-2024',
      capacity: 60,
      room: '冶金楼301',
      teacherIds: [Number(row!.teacher_id)],
      classIds: [Number(row!.class_id)],
      meetings: [{ weekday: 2, firstPeriod: 5, lastPeriod: 6, firstWeek: 1, lastWeek: 16 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await jiaowu.post(`/api/sections/${created.json().id}/enrol-classes`)).statusCode).toBe(200);

    const after = await progress();
    expect(after.inProgress.map((course) => course.code)).toContain('YJ-303');
    expect(after.outstanding.find((course) => course.code === 'YJ-303')).toMatchObject({ inProgress: true });
    expect(after.layers.core.inProgress).toBe(before.layers.core.inProgress + 4);
    const timetable = (await student.get(`/api/me/timetable?termId=${Number(row!.term_id)}`)).json();
    expect(timetable.items.map((item: { courseCode: string; kind: string }) => [item.courseCode, item.kind])).toEqual([
      ['YJ-303', 'required'],
    ]);
    expect(timetable.unscheduled.map((course: { courseCode: string }) => course.courseCode)).not.toContain('YJ-303');
  });
});
