/**
 * What a student sees before they click (issue 12): each section's availability and the reason it
 * is not open to them, decided by the same rules that refuse the selection; full sections offer the
 * waitlist with its length; positions move as the queue does.
 */
import crypto from 'node:crypto';
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
