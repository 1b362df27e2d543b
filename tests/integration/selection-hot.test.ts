/**
 * The hot shape of a selection rush, on PGlite and PostgreSQL: most students want the same five
 * sections and fire selections, double clicks, retries, drops and re-selects at once. Afterwards the
 * invariants are counted in SQL: never over capacity, no student twice in a course, no seat left
 * free while someone waits, the waitlist served in order, the credit cap and time clashes kept,
 * every place audited and every request answered once.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { seedStudentSessions } from '../support/sessions.ts';

let app: TestApp;
let jiaowu: TestClient;
let windowId: number;
const hot: Array<{ id: number; code: string; groupId: number }> = [];
let clashing: { id: number; code: string; groupId: number };

const requestId = () => crypto.randomUUID();
const hotCodes = ['HL-401-01', 'KZ-401-01', 'YJ-401-01', 'HL-402-01', 'KZ-402-01'];
// Meets at the same time as HL-401-01 (Monday, periods 1–2).
const clashCode = 'YJ-403-01';

beforeAll(async () => {
  app = await createTestApp();
  jiaowu = await app.login('jiaowu');
  windowId = Number((await app.sql<{ id: number }>("SELECT id FROM selection_windows WHERE mode = 'first_come'"))[0]!.id);
  const rows = await app.sql<{ id: number; code: string; group_id: number }>(
    `SELECT s.id, s.code, cv.owner_group_id AS group_id FROM sections s JOIN course_versions cv ON cv.id = s.course_version_id
     WHERE s.code = ANY($1::text[])`,
    [[...hotCodes, clashCode]],
  );
  for (const code of hotCodes) {
    const row = rows.find((entry) => entry.code === code)!;
    hot.push({ id: Number(row.id), code, groupId: Number(row.group_id) });
  }
  const clash = rows.find((entry) => entry.code === clashCode)!;
  clashing = { id: Number(clash.id), code: clashCode, groupId: Number(clash.group_id) };
  // Few seats and a short waitlist, so that most submissions meet a full section.
  for (const section of hot) expect((await jiaowu.patch(`/api/sections/${section.id}`, { capacity: 4 })).statusCode).toBe(200);
  expect((await jiaowu.patch(`/api/selection-windows/${windowId}`, { waitlistLimit: 3 })).statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
});

interface Answer {
  status: number;
  outcome: string;
  reason: string | null;
  body: unknown;
}

function clientFor(client: TestClient, log: Array<{ studentId: number; requestId: string; answer: Answer }>, studentId: number) {
  const send = async (route: string, sectionId: number, rid: string): Promise<Answer> => {
    const response = await client.post(route, { sectionId, requestId: rid });
    expect([200, 409]).toContain(response.statusCode);
    const body = response.json();
    const answer = {
      status: response.statusCode,
      outcome: response.statusCode === 200 ? body.outcome : (body.error.details?.outcome ?? body.error.code),
      reason: response.statusCode === 200 ? null : (body.error.details?.reason ?? body.error.code),
      body,
    };
    log.push({ studentId, requestId: rid, answer });
    return answer;
  };
  return {
    select: (sectionId: number, rid: string) => send('/api/me/selections', sectionId, rid),
    drop: (sectionId: number, rid: string) => send('/api/me/selections/drop', sectionId, rid),
  };
}

describe('selection: the batch read as the answers pile up', () => {
  it('keeps reading stored answers by index when selection_requests has grown from empty since its plan was made', async () => {
    const students = await app.sql<{ id: number }>("SELECT id FROM students WHERE status = 'enrolled' ORDER BY id LIMIT 3");
    const term = Number(
      (await app.sql<{ term_id: number }>('SELECT term_id FROM selection_windows WHERE id = $1', [windowId]))[0]!.term_id,
    );
    const batch = JSON.stringify(students.map((row, index) => ({ student: Number(row.id), term, request: `plan-${index}` })));
    let scans: { seq: number; index: number } | null = null;
    // One connection throughout (plans are cached per connection), rolled back at the end.
    await app.database
      .lockedTransaction([[1, 1]], 'SELECT 1', async (_, query) => {
        await query('DISCARD PLANS');
        await query('DELETE FROM selection_requests');
        await query('ANALYZE selection_requests');
        // The first minutes of a window: the function's plan is made while no answer is stored yet.
        for (let run = 0; run < 8; run++) await query('SELECT * FROM courses_selection_batch($1::jsonb, $2::jsonb)', [batch, '[]']);
        await query(
          `INSERT INTO selection_requests (institution_id, student_id, request_id, action, section_id, response)
          SELECT s.institution_id, s.id, 'bulk-' || g, 'select', $1::bigint, '{}'::jsonb FROM students s, generate_series(1, 80) g`,
          [hot[0]!.id],
        );
        const count = async () =>
          (
            await query<{ seq_scan: number; idx_scan: number }>(
              "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'selection_requests'",
            )
          )[0]!;
        const before = await count();
        await query('SELECT * FROM courses_selection_batch($1::jsonb, $2::jsonb)', [batch, '[]']);
        const after = await count();
        scans = { seq: Number(after.seq_scan) - Number(before.seq_scan), index: Number(after.idx_scan) - Number(before.idx_scan) };
        throw new Error('roll back');
      })
      .catch((error: Error) => {
        if (error.message !== 'roll back') throw error;
      });
    await app.sql('ANALYZE selection_requests');
    expect(scans).toEqual({ seq: 0, index: students.length });
  });
});

describe('selection: the hot shape (five popular sections)', () => {
  it('keeps every invariant while 90 students select, retry, drop and re-select the same five sections at once', async () => {
    const students = await app.sql<{ id: number; group_id: number }>(
      `SELECT s.id, m.group_id FROM students s JOIN majors m ON m.id = s.major_id
       WHERE s.cohort_year IN (2024, 2025) AND s.status = 'enrolled' AND m.group_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id)
       ORDER BY s.id LIMIT 90`,
    );
    expect(students.length).toBe(90);
    const sessions = await seedStudentSessions(
      app.sql,
      students.map((row) => row.id),
    );
    const log: Array<{ studentId: number; requestId: string; answer: Answer }> = [];
    const scripts = sessions.map((session, index) => {
      const group = Number(students[index]!.group_id);
      const eligible = hot.filter((section) => section.groupId !== group);
      const first = eligible[index % eligible.length]!;
      const second = eligible[(index + 1) % eligible.length]!;
      const client = clientFor(app.withSession(session.cookie, session.csrfToken), log, session.studentId);
      return async () => {
        const rid = requestId();
        // A double click and an impatient retry, all at once.
        const [answer] = await Promise.all([
          client.select(first.id, rid),
          client.select(first.id, rid),
          client.select(first.id, requestId()),
        ]);
        if (index % 3 === 0) {
          // Wants more than the credit cap (3 × 4 credits = 12 allows three) and a section at a taken time, all at once.
          await Promise.all(
            [...eligible, ...(clashing.groupId !== group ? [clashing] : [])].map((section) => client.select(section.id, requestId())),
          );
        }
        if (answer!.outcome === 'enrolled' && index % 2 === 0) {
          // Drops the seat (the first in line moves up) and wants it back at once.
          await client.drop(first.id, requestId());
          await client.select(first.id, requestId());
        } else if (answer!.outcome === 'waitlisted') {
          await client.drop(first.id, requestId());
          await client.select(second.id, requestId());
        } else if (answer!.outcome === 'refused') {
          const again = requestId();
          await Promise.all([client.select(second.id, again), client.select(second.id, again)]);
        }
      };
    });
    await Promise.all(scripts.map((script) => script()));

    // Every answer is a definite one: a place, a kept place, a freed place or a reason.
    const outcomes = new Set(log.map((entry) => (entry.answer.status === 200 ? entry.answer.outcome : `refused:${entry.answer.reason}`)));
    for (const outcome of outcomes)
      expect([
        'enrolled',
        'waitlisted',
        'already_enrolled',
        'already_waitlisted',
        'dropped',
        'left_waitlist',
        'refused:waitlist_full',
        'refused:same_course',
        'refused:credit_cap',
        'refused:time_clash',
        'refused:not_enrolled',
      ]).toContain(outcome);
    expect(outcomes).toContain('refused:waitlist_full');
    expect(outcomes).toContain('dropped');
    // The same request id always got the same answer, and it was stored once.
    const byRequest = new Map<string, unknown>();
    for (const entry of log) {
      const key = `${entry.studentId}:${entry.requestId}`;
      if (byRequest.has(key)) expect(entry.answer.body).toEqual(byRequest.get(key));
      else byRequest.set(key, entry.answer.body);
    }
    const [{ stored }] = (await app.sql<{ stored: number }>(
      `SELECT count(*)::int AS stored FROM selection_requests WHERE student_id = ANY($1::bigint[])`,
      [students.map((row) => row.id)],
    )) as [{ stored: number }];
    expect(stored).toBe(byRequest.size);

    const [invariants] = await app.sql<Record<string, number>>(
      `
      WITH s AS (SELECT * FROM sections WHERE window_id = $1),
      active AS (
        SELECT e.*, cv.credits FROM enrolments e JOIN sections x ON x.id = e.section_id JOIN course_versions cv ON cv.id = x.course_version_id
        WHERE e.status IN ('enrolled', 'waitlisted') AND e.term_id = (SELECT term_id FROM selection_windows WHERE id = $1))
      SELECT
        (SELECT count(*)::int FROM s WHERE s.enrolled_count > s.capacity) AS over_capacity,
        (SELECT count(*)::int FROM s WHERE s.enrolled_count <> (SELECT count(*) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'enrolled')
           OR s.waitlist_count <> (SELECT count(*) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'waitlisted')) AS miscounted,
        (SELECT count(*)::int FROM s WHERE s.waitlist_count > (SELECT waitlist_limit FROM selection_windows WHERE id = $1)) AS waitlist_over,
        (SELECT count(*)::int FROM (SELECT 1 FROM active GROUP BY student_id, course_id HAVING count(*) > 1) d) AS duplicates,
        (SELECT count(*)::int FROM s WHERE s.waitlist_count > 0 AND s.enrolled_count < s.capacity) AS seat_left_while_waiting,
        (SELECT count(*)::int FROM s WHERE
           (SELECT max(e.id) FROM enrolments e WHERE e.section_id = s.id AND e.source = 'promotion')
           > (SELECT min(e.id) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'waitlisted')) AS promoted_out_of_order,
        (SELECT count(*)::int FROM (SELECT 1 FROM enrolments e WHERE e.status = 'waitlisted' GROUP BY e.section_id, e.waitlist_seq HAVING count(*) > 1) d) AS shared_seq,
        (SELECT count(*)::int FROM (SELECT 1 FROM active GROUP BY student_id HAVING sum(credits) > (SELECT credit_cap FROM selection_windows WHERE id = $1)) d) AS over_credit_cap,
        (SELECT count(*)::int FROM active a JOIN active b ON b.student_id = a.student_id AND b.id > a.id
           JOIN section_meetings ma ON ma.section_id = a.section_id JOIN section_meetings mb ON mb.section_id = b.section_id
           WHERE ma.weekday = mb.weekday AND ma.first_period <= mb.last_period AND mb.first_period <= ma.last_period
             AND ma.first_week <= mb.last_week AND mb.first_week <= ma.last_week) AS clashes,
        (SELECT count(*)::int FROM enrolments e JOIN s ON s.id = e.section_id WHERE e.source <> 'assigned' AND (NOT EXISTS (
           SELECT 1 FROM audit_log a WHERE a.entity = 'enrolment' AND a.entity_id = e.id::text
             AND a.action IN ('selection.enrol', 'selection.waitlist', 'selection.promote'))
           OR (e.status = 'dropped' AND NOT EXISTS (
           SELECT 1 FROM audit_log a WHERE a.entity = 'enrolment' AND a.entity_id = e.id::text
             AND a.action IN ('selection.drop', 'selection.leave_waitlist'))))) AS unaudited`,
      [windowId],
    );
    expect(invariants).toEqual({
      over_capacity: 0,
      miscounted: 0,
      waitlist_over: 0,
      duplicates: 0,
      seat_left_while_waiting: 0,
      promoted_out_of_order: 0,
      shared_seq: 0,
      over_credit_cap: 0,
      clashes: 0,
      unaudited: 0,
    });
    // Waitlist positions as the students see them: 1, 2, … in the order they joined.
    for (const section of hot) {
      const roster = (await jiaowu.get(`/api/sections/${section.id}/roster`)).json();
      const seqs = await app.sql<{ student_id: number }>(
        `SELECT student_id FROM enrolments WHERE section_id = $1 AND status = 'waitlisted' ORDER BY waitlist_seq`,
        [section.id],
      );
      expect(roster.waitlist.map((row: { position: number }) => row.position)).toEqual(seqs.map((_, index) => index + 1));
      expect(roster.waitlist.map((row: { studentId: number }) => row.studentId)).toEqual(seqs.map((row) => Number(row.student_id)));
    }
  });

  it('serves the waitlist in order: seats freed while newcomers rush go to the first in line', async () => {
    const section = (
      await app.sql<{ id: number; group_id: number }>(
        `SELECT s.id, cv.owner_group_id AS group_id FROM sections s JOIN course_versions cv ON cv.id = s.course_version_id WHERE s.code = 'HL-404-01'`,
      )
    )[0]!;
    const sectionId = Number(section.id);
    expect((await jiaowu.patch(`/api/sections/${sectionId}`, { capacity: 2 })).statusCode).toBe(200);
    const students = await app.sql<{ id: number }>(
      `SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id
       WHERE s.cohort_year IN (2024, 2025) AND s.status = 'enrolled' AND m.group_id IS NOT NULL AND m.group_id <> $1
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.student_id = s.id AND e.section_id = $2)
       ORDER BY s.id DESC LIMIT 15`,
      [section.group_id, sectionId],
    );
    expect(students).toHaveLength(15);
    const clients = (
      await seedStudentSessions(
        app.sql,
        students.map((row) => row.id),
      )
    ).map((session) => app.withSession(session.cookie, session.csrfToken));
    const ids = students.map((row) => Number(row.id));
    // Two hold the seats, three wait (positions 1, 2, 3: the waitlist is full), one after the other.
    const before = [];
    for (const client of clients.slice(0, 5))
      before.push((await client.post('/api/me/selections', { sectionId, requestId: requestId() })).json());
    expect(before.map((answer) => [answer.outcome, answer.position])).toEqual([
      ['enrolled', null],
      ['enrolled', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    // Both holders drop (each sending the drop twice, a retry of one request) while ten newcomers select, all at once.
    const drops = [requestId(), requestId()];
    const answers = await Promise.all([
      ...clients.slice(0, 2).map((client, index) => client.post('/api/me/selections/drop', { sectionId, requestId: drops[index] })),
      ...clients.slice(0, 2).map((client, index) => client.post('/api/me/selections/drop', { sectionId, requestId: drops[index] })),
      ...clients.slice(5).map((client) => client.post('/api/me/selections', { sectionId, requestId: requestId() })),
    ]);
    expect(answers.slice(0, 4).map((response) => response.json().outcome)).toEqual(['dropped', 'dropped', 'dropped', 'dropped']);
    const dropAudits = await app.sql<{ action: string; n: number }>(
      `SELECT a.action, count(*)::int AS n FROM audit_log a JOIN enrolments e ON a.entity = 'enrolment' AND a.entity_id = e.id::text
       WHERE e.section_id = $1 AND a.action IN ('selection.drop', 'selection.promote') GROUP BY a.action ORDER BY a.action`,
      [sectionId],
    );
    expect(dropAudits.map((row) => [row.action, row.n])).toEqual([
      ['selection.drop', 2],
      ['selection.promote', 2],
    ]);
    // The seats went to the first two in line, never to a newcomer; the third is first now, and the
    // newcomers who got in queue behind them, in the order of their waitlist answers.
    const enrolled = await app.sql<{ student_id: number; source: string }>(
      `SELECT student_id, source FROM enrolments WHERE section_id = $1 AND status = 'enrolled' ORDER BY student_id`,
      [sectionId],
    );
    expect(enrolled.map((row) => [Number(row.student_id), row.source])).toEqual(
      [ids[2]!, ids[3]!].sort((a, b) => a - b).map((id) => [id, 'promotion']),
    );
    const waiting = (
      await app.sql<{ student_id: number }>(
        `SELECT student_id FROM enrolments WHERE section_id = $1 AND status = 'waitlisted' ORDER BY waitlist_seq`,
        [sectionId],
      )
    ).map((row) => Number(row.student_id));
    expect(waiting[0]).toBe(ids[4]);
    const newcomerAnswers = answers
      .slice(4)
      .map((response, index) => ({ id: ids[index + 5]!, status: response.statusCode, body: response.json() }));
    const queued = newcomerAnswers.filter((answer) => answer.status === 200);
    for (const answer of queued) expect(answer.body.outcome).toBe('waitlisted');
    for (const answer of newcomerAnswers.filter((entry) => entry.status === 409))
      expect(answer.body.error.details.reason).toBe('waitlist_full');
    expect(waiting.slice(1)).toEqual(queued.sort((a, b) => a.body.position - b.body.position).map((answer) => answer.id));
    expect(waiting.length).toBeLessThanOrEqual(3);
    const [counts] = await app.sql<{ enrolled_count: number; waitlist_count: number }>(
      'SELECT enrolled_count, waitlist_count FROM sections WHERE id = $1',
      [sectionId],
    );
    expect([counts!.enrolled_count, counts!.waitlist_count]).toEqual([2, waiting.length]);
  });
});
