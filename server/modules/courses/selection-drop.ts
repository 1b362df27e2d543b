/**
 * Dropping a place or leaving a waitlist; a freed seat goes to the waitlist at once. Like a selection
 * batch, a drop is two round trips: [BEGIN, the student's lock, the stored answer and the place, locked]
 * and [the place dropped, the section's count, the promotions from the waitlist, the audit entries, the
 * answer stored, COMMIT]. The section's row is locked only in the second, so a drop in a rush holds it
 * for one round trip (it held it for five, while claims for the same section queued behind it).
 */
import type { AppContext } from '../../context.ts';
import { sqlLiteral } from '../../db/connection.ts';
import { auditValues, type AuditEntry, type RequestContext } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { keepAnswer } from './selection-cache.ts';
import './messages.ts';
import {
  type Answer,
  type SectionFacts,
  answeredBefore,
  inline,
  parsedJson,
  priorAnswer,
  requireStudent,
  cachedSectionFacts,
  selectionLockSpace,
} from './selection-state.ts';

/** Drops a place (enrolled before the drop deadline, or leaving a waitlist); a freed seat goes to the waitlist at once. */
export async function dropSection(app: AppContext, request: RequestContext, sectionId: number, requestId: string): Promise<Answer> {
  const { studentId } = requireStudent(request);
  const known = answeredBefore(app, studentId, requestId, 'drop', sectionId);
  if (known) return known;
  const facts = await cachedSectionFacts(app, sectionId);
  if (!facts) throw notFound('section', sectionId);
  const answer = await dropInDatabase(app, request, studentId, facts, requestId);
  keepAnswer(app, studentId, requestId, { action: 'drop', sectionId, answer });
  return answer;
}

/**
 * Under the student's lock: the answer already given to this request id, and the student's active
 * place in the section, locked (a promotion by someone else's drop skips a locked place).
 */
const dropPreludeSql = `SELECT
  (SELECT json_build_object('action', q.action, 'section_id', q.section_id, 'response', q.response) FROM selection_requests q
   WHERE q.student_id = $2::bigint AND q.request_id = $3::text) AS prior,
  (SELECT json_build_object('id', e.id, 'status', e.status) FROM enrolments e
   WHERE e.section_id = $1::bigint AND e.student_id = $2::bigint AND e.status IN ('enrolled', 'waitlisted') FOR UPDATE) AS place`;

async function dropInDatabase(
  app: AppContext,
  request: RequestContext,
  studentId: number,
  facts: SectionFacts,
  requestId: string,
): Promise<Answer> {
  let answer: Answer | undefined;
  await app.database.lockedTransaction(
    [[selectionLockSpace, studentId]],
    inline(dropPreludeSql, [facts.id, studentId, requestId]),
    async ([row]) => {
      const prior = priorAnswer({ current: [], passed: new Set(), prior: row?.prior ? parsedJson(row.prior) : null }, 'drop', facts.id);
      if (prior) {
        answer = prior;
        return null;
      }
      const place = row?.place ? parsedJson<{ id: number; status: 'enrolled' | 'waitlisted' }>(row.place) : null;
      const decided = decideDrop(facts, place);
      answer = decided;
      const writes = place && decided.status === 200 ? dropWrites(request, facts, { id: Number(place.id), status: place.status }) : [];
      return [
        ...writes,
        inline(
          'INSERT INTO selection_requests (institution_id, student_id, request_id, action, section_id, response) VALUES ($1, $2, $3, $4, $5, $6)',
          [facts.institutionId, studentId, requestId, 'drop', facts.id, decided],
        ),
      ].join(';\n');
    },
  );
  return answer!;
}

/** The answer to a drop of `place` (null: the student holds no active place in the section). */
function decideDrop(facts: SectionFacts, place: { status: 'enrolled' | 'waitlisted' } | null): Answer {
  const sectionId = facts.id;
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
  return place.status === 'enrolled'
    ? { status: 200, outcome: 'dropped', sectionId, messageKey: 'selection.dropped', params: { name: facts.course.name } }
    : { status: 200, outcome: 'left_waitlist', sectionId, messageKey: 'selection.left_waitlist', params: { name: facts.course.name } };
}

/** An audit entry as a literal INSERT (the closing text of the locked transaction has no parameters). */
function auditSql(request: RequestContext, entry: AuditEntry): string {
  const row = auditValues(request, entry);
  return inline(
    `INSERT INTO audit_log (actor_user_id, actor_name, action, entity, entity_id, institution_id, summary, before, after, ip, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      row.actorUserId,
      row.actorName,
      row.action,
      row.entity,
      row.entityId,
      row.institutionId,
      row.summary,
      row.before,
      row.after,
      row.ip,
      row.requestId,
    ],
  );
}

/**
 * The place dropped and the section's count; for a seat, the waitlist's first ones (by waitlist_seq)
 * take the free seats in one statement, each with its audit entry — what promoteFromWaitlist does for
 * a section edit, set-wise. Places locked by another transaction (a student leaving the waitlist at
 * this moment) are skipped rather than waited for.
 */
function dropWrites(request: RequestContext, facts: SectionFacts, place: { id: number; status: 'enrolled' | 'waitlisted' }): string[] {
  const sectionId = facts.id;
  const enrolled = place.status === 'enrolled';
  const writes = [
    `UPDATE enrolments SET status = 'dropped', waitlist_seq = NULL, updated_at = now() WHERE id = ${sqlLiteral(place.id)}`,
    enrolled
      ? `UPDATE sections SET enrolled_count = enrolled_count - 1, updated_at = now() WHERE id = ${sqlLiteral(sectionId)}`
      : `UPDATE sections SET waitlist_count = waitlist_count - 1, updated_at = now() WHERE id = ${sqlLiteral(sectionId)}`,
  ];
  if (enrolled) {
    const actor = auditValues(request, { action: 'selection.promote', entity: 'enrolment' });
    writes.push(
      inline(
        `WITH next AS (
          SELECT e.id FROM enrolments e
          WHERE e.section_id = $1::bigint AND e.status = 'waitlisted'
          ORDER BY e.waitlist_seq
          LIMIT coalesce((SELECT greatest(s.capacity - s.enrolled_count, 0) FROM sections s WHERE s.id = $1::bigint AND s.status = 'open'), 0)
          FOR UPDATE SKIP LOCKED
        ), promoted AS (
          UPDATE enrolments SET status = 'enrolled', waitlist_seq = NULL, source = 'promotion', updated_at = now()
          FROM next WHERE enrolments.id = next.id
          RETURNING enrolments.id, enrolments.student_id, enrolments.institution_id
        ), counted AS (
          UPDATE sections SET enrolled_count = enrolled_count + n.k, waitlist_count = waitlist_count - n.k, updated_at = now()
          FROM (SELECT count(*)::int AS k FROM promoted) n WHERE sections.id = $1::bigint AND n.k > 0
        )
        INSERT INTO audit_log (actor_user_id, actor_name, action, entity, entity_id, institution_id, summary, after, ip, request_id)
        SELECT $2, $3, 'selection.promote', 'enrolment', p.id::text, p.institution_id,
               '候补递补：学生 ' || p.student_id || ' 进入教学班 ' || $1::bigint, $4, $5, $6
        FROM promoted p ORDER BY p.id`,
        [sectionId, actor.actorUserId, actor.actorName, { status: 'enrolled', source: 'promotion' }, actor.ip, actor.requestId],
      ),
    );
  }
  writes.push(
    auditSql(request, {
      action: enrolled ? 'selection.drop' : 'selection.leave_waitlist',
      entity: 'enrolment',
      entityId: place.id,
      institutionId: facts.institutionId,
      summary: `${enrolled ? '退选' : '退出候补'}《${facts.course.name}》`,
      before: { status: place.status },
      after: { status: 'dropped' },
    }),
  );
  return writes;
}
