/**
 * The credit bank's consumer of the courses module's events: every `courses.credits_earned` becomes
 * a granted course-credit outcome with its ledger entry, every `courses.credits_revoked` reverses it.
 * Events are matched to outcomes by identity, not by a cursor, so an event that commits late (after
 * one with a higher id was read) is still taken, and running the consumer twice adds nothing.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { appendToLedger, type NewLedgerEntry } from './ledger.ts';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const earnedType = 'courses.credits_earned';
const revokedType = 'courses.credits_revoked';

export async function syncCourseCredits(app: Pick<AppContext, 'db'>, batchSize = 5000): Promise<{ granted: number; reversed: number }> {
  let granted = 0;
  let reversed = 0;
  for (;;) {
    const added = await app.db.transaction((tx) => grantEarned(tx, batchSize));
    granted += added;
    if (added < batchSize) break;
  }
  for (;;) {
    const undone = await app.db.transaction((tx) => reverseRevoked(tx, batchSize));
    reversed += undone;
    if (undone < batchSize) break;
  }
  return { granted, reversed };
}

async function grantEarned(tx: Db, limit: number): Promise<number> {
  const inserted = rowsOf<{ id: number | string; institution_id: number | string; student_id: number | string; course_credits: number | string }>(await tx.execute(sql`
    INSERT INTO learning_outcomes (institution_id, student_id, kind, identity_key, earned_credit_id, course_id, course_credits, source, status, decided_at, evidence)
    SELECT e.institution_id, (e.payload->>'studentId')::bigint, 'course_credit', 'course_credit:' || (e.payload->>'earnedCreditId'),
           (e.payload->>'earnedCreditId')::bigint, (e.payload->>'courseId')::bigint, (e.payload->>'credits')::numeric, 'courses', 'granted', now(),
           jsonb_build_object('eventId', e.id, 'courseCode', e.payload->>'courseCode', 'termId', e.payload->>'termId')
    FROM domain_events e
    WHERE e.type = ${earnedType}
      AND NOT EXISTS (SELECT 1 FROM learning_outcomes o WHERE o.institution_id = e.institution_id AND o.identity_key = 'course_credit:' || (e.payload->>'earnedCreditId') AND o.status <> 'rejected')
    ORDER BY e.id
    LIMIT ${limit}
    ON CONFLICT DO NOTHING
    RETURNING id, institution_id, student_id, course_credits`));
  await appendByInstitution(tx, inserted.map((row) => ({
    institutionId: Number(row.institution_id),
    entry: { student: Number(row.student_id), outcome: Number(row.id), kind: 'grant', category: 'course', credits: Number(row.course_credits), exemptedCourse: null, ruleSet: null, reason: null, actor: null },
  })));
  return inserted.length;
}

async function reverseRevoked(tx: Db, limit: number): Promise<number> {
  const revoked = rowsOf<{ id: number | string; institution_id: number | string; student_id: number | string; credits: number | string }>(await tx.execute(sql`
    UPDATE learning_outcomes o SET status = 'reversed', decided_at = now(), decision_note = 'grade_corrected', revision = o.revision + 1
    FROM (
      SELECT o2.id FROM domain_events e
      JOIN learning_outcomes o2 ON o2.institution_id = e.institution_id AND o2.identity_key = 'course_credit:' || (e.payload->>'earnedCreditId') AND o2.status = 'granted'
      WHERE e.type = ${revokedType}
      ORDER BY e.id LIMIT ${limit}
      FOR UPDATE OF o2
    ) due
    WHERE o.id = due.id
    RETURNING o.id, o.institution_id, o.student_id, o.course_credits AS credits`));
  await appendByInstitution(tx, revoked.map((row) => ({
    institutionId: Number(row.institution_id),
    entry: { student: Number(row.student_id), outcome: Number(row.id), kind: 'reversal', category: 'course', credits: -Number(row.credits), exemptedCourse: null, ruleSet: null, reason: 'grade_corrected', actor: null },
  })));
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
