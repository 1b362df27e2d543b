/**
 * The credit bank's consumer of the courses module's events: every `courses.credits_earned` becomes
 * a granted course-credit outcome with its ledger entry, every `courses.credits_revoked` reverses it.
 * The platform hands over each event once (see platform/events.ts), with its payload checked by the
 * courses module's contract; outcomes are also keyed by the earned credit's identity, so a run that
 * overlaps another adds nothing twice.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rowsOf } from '../../db/sql.ts';
import type { EventConsumer, ReceivedEvent } from '../../platform/events.ts';
import { creditsEarned, creditsRevoked, type CreditsEarned } from '../courses/events.ts';
import { appendToLedger, type NewLedgerEntry } from './ledger.ts';

type CourseCreditEvent = typeof creditsEarned | typeof creditsRevoked;

export const courseCreditsConsumer: EventConsumer<CourseCreditEvent> = {
  name: 'creditbank.course_credits',
  title: { 'zh-CN': '学分银行：导入课程学分', en: 'Credit bank: take in course credits' },
  events: [creditsEarned, creditsRevoked],
  every: 30,
  batchSize: 5000,
  async handle(tx, events) {
    const earned = events.filter((event) => event.type === creditsEarned.type) as Array<ReceivedEvent<CreditsEarned>>;
    const revoked = events.filter((event) => event.type === creditsRevoked.type);
    // Within a batch the earned come first: a revocation always follows the credit it takes back.
    const granted = await grantEarned(tx, earned);
    const reversed = await reverseRevoked(tx, revoked);
    return { granted, reversed };
  },
};

async function grantEarned(tx: Db, events: Array<ReceivedEvent<CreditsEarned>>): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((event) => ({
    event_id: event.id,
    institution_id: event.institutionId,
    student_id: event.payload.studentId,
    earned_credit_id: event.payload.earnedCreditId,
    course_id: event.payload.courseId,
    credits: event.payload.credits,
    course_code: event.payload.courseCode,
    term_id: event.payload.termId,
  }));
  const inserted = rowsOf<{
    id: number | string;
    institution_id: number | string;
    student_id: number | string;
    course_credits: number | string;
  }>(
    await tx.execute(sql`
    INSERT INTO learning_outcomes (institution_id, student_id, kind, identity_key, earned_credit_id, course_id, course_credits, source, status, decided_at, evidence)
    SELECT e.institution_id, e.student_id, 'course_credit', 'course_credit:' || e.earned_credit_id, e.earned_credit_id, e.course_id, e.credits, 'courses', 'granted', now(),
           jsonb_build_object('eventId', e.event_id, 'courseCode', e.course_code, 'termId', e.term_id)
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS e(event_id bigint, institution_id bigint, student_id bigint, earned_credit_id bigint, course_id bigint, credits numeric, course_code text, term_id bigint)
    WHERE NOT EXISTS (
      SELECT 1 FROM learning_outcomes o WHERE o.institution_id = e.institution_id AND o.identity_key = 'course_credit:' || e.earned_credit_id AND o.status <> 'rejected'
    )
    ORDER BY e.event_id
    ON CONFLICT DO NOTHING
    RETURNING id, institution_id, student_id, course_credits`),
  );
  await appendByInstitution(
    tx,
    inserted.map((row) => ({
      institutionId: Number(row.institution_id),
      entry: {
        student: Number(row.student_id),
        outcome: Number(row.id),
        kind: 'grant',
        category: 'course',
        credits: Number(row.course_credits),
        exemptedCourse: null,
        ruleSet: null,
        reason: null,
        actor: null,
      },
    })),
  );
  return inserted.length;
}

async function reverseRevoked(tx: Db, events: Array<ReceivedEvent<{ earnedCreditId: number }>>): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((event) => ({
    event_id: event.id,
    institution_id: event.institutionId,
    earned_credit_id: event.payload.earnedCreditId,
  }));
  const revoked = rowsOf<{ id: number | string; institution_id: number | string; student_id: number | string; credits: number | string }>(
    await tx.execute(sql`
    UPDATE learning_outcomes o SET status = 'reversed', decided_at = now(), decision_note = 'grade_corrected', revision = o.revision + 1
    FROM (
      SELECT o2.id FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(event_id bigint, institution_id bigint, earned_credit_id bigint)
      JOIN learning_outcomes o2 ON o2.institution_id = e.institution_id AND o2.identity_key = 'course_credit:' || e.earned_credit_id AND o2.status = 'granted'
      ORDER BY e.event_id
      FOR UPDATE OF o2
    ) due
    WHERE o.id = due.id
    RETURNING o.id, o.institution_id, o.student_id, o.course_credits AS credits`),
  );
  await appendByInstitution(
    tx,
    revoked.map((row) => ({
      institutionId: Number(row.institution_id),
      entry: {
        student: Number(row.student_id),
        outcome: Number(row.id),
        kind: 'reversal',
        category: 'course',
        credits: -Number(row.credits),
        exemptedCourse: null,
        ruleSet: null,
        reason: 'grade_corrected',
        actor: null,
      },
    })),
  );
  return revoked.length;
}

async function appendByInstitution(tx: Db, items: Array<{ institutionId: number; entry: NewLedgerEntry }>) {
  const byInstitution = new Map<number, NewLedgerEntry[]>();
  for (const item of items) {
    const entries = byInstitution.get(item.institutionId) ?? [];
    entries.push(item.entry);
    byInstitution.set(item.institutionId, entries);
  }
  for (const [institutionId, entries] of [...byInstitution].sort((a, b) => a[0] - b[0])) await appendToLedger(tx, institutionId, entries);
}
