/** Dropping a place or leaving a waitlist; a freed seat goes to the waitlist at once. */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type Db } from '../../db/connection.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { promoteFromWaitlist } from './offering-service.ts';
import { keepAnswer, sectionFactsCache } from './selection-cache.ts';
import './messages.ts';
import { rowsOf } from '../../db/sql.ts';
import {
  type Answer,
  type SectionFacts,
  answeredBefore,
  lockStudent,
  priorAnswer,
  rawOf,
  rememberAnswer,
  requireStudent,
  sectionFacts,
  studentState,
} from './selection-state.ts';

/** Drops a place (enrolled before the drop deadline, or leaving a waitlist); a freed seat goes to the waitlist at once. */
export async function dropSection(app: AppContext, request: RequestContext, sectionId: number, requestId: string): Promise<Answer> {
  const { studentId } = requireStudent(request);
  const known = answeredBefore(app, studentId, requestId, 'drop', sectionId);
  if (known) return known;
  const answer = await dropInDatabase(app, request, studentId, sectionId, requestId);
  keepAnswer(app, studentId, requestId, { action: 'drop', sectionId, answer });
  return answer;
}

async function dropInDatabase(
  app: AppContext,
  request: RequestContext,
  studentId: number,
  sectionId: number,
  requestId: string,
): Promise<Answer> {
  const facts = await sectionFactsCache<SectionFacts | null>(app).get(sectionId, () => sectionFacts(app.db, sectionId));
  if (!facts) throw notFound('section', sectionId);
  return app.db.transaction(async (tx) => {
    await lockStudent(tx, studentId);
    const raw = rawOf(tx);
    const prior = priorAnswer(await studentState(raw, studentId, facts.termId, requestId), 'drop', sectionId);
    if (prior) return prior;
    const answer = await decideDrop(tx, request, facts, studentId);
    await rememberAnswer(raw, facts.institutionId, studentId, requestId, 'drop', answer);
    return answer;
  });
}

async function decideDrop(tx: Db, request: RequestContext, facts: SectionFacts, studentId: number): Promise<Answer> {
  const sectionId = facts.id;
  const place = rowsOf<{ id: number; status: string }>(
    await tx.execute(sql`
    SELECT id, status FROM enrolments WHERE section_id = ${sectionId} AND student_id = ${studentId} AND status IN ('enrolled', 'waitlisted') FOR UPDATE`),
  )[0];
  if (!place)
    return { status: 409, outcome: 'refused', sectionId, reason: 'not_enrolled', messageKey: 'selection.not_enrolled', params: {} };
  // Courses placed by class (no selection window) are required: only 教务 changes them.
  if (!facts.window)
    return {
      status: 409,
      outcome: 'refused',
      sectionId,
      reason: 'not_droppable',
      messageKey: 'selection.not_droppable',
      params: { name: facts.course.name },
    };
  const deadline = facts.window.dropDeadline;
  if (place.status === 'enrolled' && new Date() > deadline) {
    return {
      status: 409,
      outcome: 'refused',
      sectionId,
      reason: 'drop_deadline',
      messageKey: 'selection.drop_deadline',
      params: { deadline: deadline.toISOString() },
    };
  }
  await tx.execute(sql`UPDATE enrolments SET status = 'dropped', waitlist_seq = NULL, updated_at = now() WHERE id = ${place.id}`);
  if (place.status === 'enrolled') {
    await tx.execute(sql`UPDATE sections SET enrolled_count = enrolled_count - 1, updated_at = now() WHERE id = ${sectionId}`);
    await promoteFromWaitlist(tx, request, sectionId);
  } else {
    await tx.execute(sql`UPDATE sections SET waitlist_count = waitlist_count - 1, updated_at = now() WHERE id = ${sectionId}`);
  }
  await recordAudit(tx, request, {
    action: place.status === 'enrolled' ? 'selection.drop' : 'selection.leave_waitlist',
    entity: 'enrolment',
    entityId: place.id,
    institutionId: facts.institutionId,
    summary: `${place.status === 'enrolled' ? '退选' : '退出候补'}《${facts.course.name}》`,
    before: { status: place.status },
    after: { status: 'dropped' },
  });
  return place.status === 'enrolled'
    ? { status: 200, outcome: 'dropped', sectionId, messageKey: 'selection.dropped', params: { name: facts.course.name } }
    : { status: 200, outcome: 'left_waitlist', sectionId, messageKey: 'selection.left_waitlist', params: { name: facts.course.name } };
}
