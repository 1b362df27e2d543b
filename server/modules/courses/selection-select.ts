/**
 * The selection rush (the hot path): submissions batched per transaction, decided in TypeScript on each
 * student's state, seats claimed in one statement.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type Db, type RawQuery } from '../../db/connection.ts';
import { type RequestContext } from '../../platform/audit.ts';
import { BatchQueue } from '../../platform/batch-queue.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { type StudentProfile } from '../org/read.ts';
import { keepAnswer } from './selection-cache.ts';
import { publishedProgrammeOf } from './programme-service.ts';
import { selectionRefusal } from './rules.ts';
import { programmeCourses } from './schema.ts';
import './messages.ts';
import {
  type Answer,
  type SectionFacts,
  type StudentState,
  answeredBefore,
  effectiveWindow,
  inline,
  parseState,
  parsedJson,
  priorAnswer,
  refused,
  requireStudent,
  cachedSectionFacts,
  selectionLockSpace,
  stateRequests,
  waitlistPosition,
} from './selection-state.ts';

/**
 * selectSection(actor, sectionId, requestId): enrolled, waitlisted with position, or refused with the
 * reason. A repeated request id already answered on this server is answered from memory; the rest
 * go to the database through the selection batch queue.
 */
export async function selectSection(app: AppContext, request: RequestContext, sectionId: number, requestId: string): Promise<Answer> {
  const { studentId } = requireStudent(request);
  const known = answeredBefore(app, studentId, requestId, 'select', sectionId);
  if (known) return known;
  const facts = await cachedSectionFacts(app, sectionId);
  if (!facts) throw notFound('section', sectionId);
  const answer = await selectionQueue(app).submit({ request, studentId, facts, requestId });
  keepAnswer(app, studentId, requestId, { action: 'select', sectionId, answer });
  return answer;
}

interface PendingSelection {
  request: RequestContext;
  studentId: number;
  facts: SectionFacts;
  requestId: string;
}

const selectionQueues = new WeakMap<AppContext, BatchQueue<PendingSelection, Answer>>();

/**
 * Submissions that arrive while others are in the database go together in one transaction (at most
 * one per student). On PostgreSQL four batches in flight measured best in the rush bench (two: a little
 * slower; eight: slower and a longer tail, the batches contend for the same section rows). PGlite is
 * one connection in this process: one batch at a time, gathering for 2 ms under load (see BatchQueue);
 * without it every batch held one submission and paid a transaction's fixed cost alone.
 */
function selectionQueue(app: AppContext): BatchQueue<PendingSelection, Answer> {
  let queue = selectionQueues.get(app);
  if (!queue) {
    const embedded = app.database.kind === 'pglite';
    queue = new BatchQueue<PendingSelection, Answer>({
      keyOf: (pending) => pending.studentId,
      run: (batch) => selectBatch(app, batch),
      maxInFlight: embedded ? 1 : 4,
      maxBatch: 64,
      gatherMs: embedded ? 2 : 0,
    });
    selectionQueues.set(app, queue);
  }
  return queue;
}

/** What a selection needs written: nothing (an answer already stored), an answer to store, or a seat claim. */
type Decision =
  | { kind: 'answered'; answer: Answer }
  | { kind: 'remember'; answer: Answer }
  | { kind: 'claim'; claim: Record<string, unknown> }
  | { kind: 'failed'; error: Error };

/** A section's places as the batch's first statement read them (no row lock). */
interface Seats {
  status: string;
  capacity: number;
  enrolled: number;
  waiting: number;
}

/** The batch's read: each request's student state and, on the first row, the sections' places (migration 0026). */
const seatsAndStatesSql = 'SELECT * FROM courses_selection_batch($1::jsonb, $2::jsonb)';

function seatsOf(row: Record<string, unknown> | undefined): Map<number, Seats> {
  const list = row?.seats ? parsedJson<Array<Seats & { id: number }>>(row.seats) : [];
  return new Map(
    list.map((entry) => [
      Number(entry.id),
      { status: entry.status, capacity: Number(entry.capacity), enrolled: Number(entry.enrolled), waiting: Number(entry.waiting) },
    ]),
  );
}

/**
 * One transaction for a batch of selections, in two round trips: [BEGIN, the students' locks,
 * everything the decisions read] and [every claim, every answer stored, the audit entries, COMMIT].
 * A submission for a section already full, waitlist included, is answered without a claim.
 * The rules decide each submission on its own student's state; claims on one section are served in
 * (section, student) order inside the transaction.
 */
async function selectBatch(app: AppContext, batch: PendingSelection[]): Promise<Array<Answer | Error>> {
  let decisions: Decision[] = [];
  const requests = stateRequests(
    batch.map((pending) => ({ studentId: pending.studentId, termId: pending.facts.termId, requestId: pending.requestId })),
  );
  const prelude = inline(seatsAndStatesSql, [requests, [...new Set(batch.map((pending) => pending.facts.id))]]);
  const { closingRows } = await app.database.lockedTransaction(
    batch.map((pending) => [selectionLockSpace, pending.studentId] as const),
    prelude,
    async (rows, query) => {
      decisions = [];
      const seats = seatsOf(rows[0]);
      for (const [index, pending] of batch.entries()) {
        try {
          decisions.push(await decideSelection(query, pending, index + 1, rows[index], seats.get(pending.facts.id)));
        } catch (error) {
          decisions.push({ kind: 'failed', error: error as Error });
        }
      }
      const claims = decisions.flatMap((decision) => (decision.kind === 'claim' ? [decision.claim] : []));
      const remember = batch.flatMap((pending, index) => {
        const decision = decisions[index]!;
        return decision.kind === 'remember'
          ? [
              {
                institution: pending.facts.institutionId,
                student: pending.studentId,
                request: pending.requestId,
                action: 'select',
                section: pending.facts.id,
                answer: decision.answer,
              },
            ]
          : [];
      });
      if (claims.length === 0 && remember.length === 0) return null;
      return inline('SELECT courses_claim_seats($1::jsonb, $2::jsonb) AS responses', [claims, remember]);
    },
  );
  const responses = new Map(
    (closingRows[0] ? parsedJson<Array<{ ord: number; answer: Answer }>>(closingRows[0].responses) : []).map((entry) => [
      entry.ord,
      entry.answer,
    ]),
  );
  return batch.map((pending, index) => {
    const decision = decisions[index]!;
    if (decision.kind === 'failed') return decision.error;
    if (decision.kind !== 'claim') return decision.answer;
    // No response: the section stopped being open after it was cached; nothing was written.
    return responses.get(index + 1) ?? refused(pending.facts.id, 'cancelled', 'selection.refused.cancelled');
  });
}

async function decideSelection(
  query: RawQuery,
  pending: PendingSelection,
  ord: number,
  row: Record<string, unknown> | undefined,
  seat: Seats | undefined,
): Promise<Decision> {
  const { facts, studentId, request } = pending;
  const sectionId = facts.id;
  const profile = row ? parsedJson<Record<string, unknown> | null>(row.profile) : null;
  if (!row || Number(row.ord) !== ord || !profile || Number(profile.institution_id) !== facts.institutionId) throw forbidden();
  const student = profileOf(profile);
  const state = parseState(row);
  const prior = priorAnswer(state, 'select', sectionId);
  if (prior) return { kind: 'answered', answer: prior };
  const programme = row.programme ? new Set(parsedJson<{ courseIds: number[] }>(row.programme).courseIds.map(Number)) : null;
  const early = await earlyAnswer(query, facts, student, programme, state);
  if (early) return { kind: 'remember', answer: early };
  const full = refused(sectionId, 'waitlist_full', 'selection.refused.waitlist_full');
  // Every seat and waitlist place was taken when this transaction looked (after the students' locks):
  // the answer the claim would give, without queueing for the section's row lock behind the claims
  // that are still taking places. A seat freed later is taken by the waitlist first anyway.
  if (seat && seat.status === 'open' && seat.enrolled >= seat.capacity && seat.waiting >= facts.window!.waitlistLimit)
    return { kind: 'remember', answer: full };
  const name = facts.course.name;
  const actor = request.actor!;
  return {
    kind: 'claim',
    claim: {
      ord,
      section: sectionId,
      waitlist_limit: facts.window!.waitlistLimit,
      institution: facts.institutionId,
      course: facts.course.id,
      term: facts.termId,
      student: studentId,
      enrolled: { status: 200, outcome: 'enrolled', sectionId, messageKey: 'selection.enrolled', params: { name } } satisfies Answer,
      waitlisted: {
        status: 200,
        outcome: 'waitlisted',
        sectionId,
        position: 0,
        messageKey: 'selection.waitlisted',
        params: { position: 0 },
      } satisfies Answer,
      refused: full,
      request: pending.requestId,
      actor: actor.userId,
      actor_name: actor.displayName,
      student_no: student.studentNo,
      course_name: name,
      ip: request.ip ?? null,
      http_request: request.requestId ?? null,
    },
  };
}

function profileOf(row: Record<string, unknown>): Pick<StudentProfile, 'id' | 'studentNo' | 'cohortYear' | 'groupId' | 'status'> {
  return {
    id: Number(row.id),
    studentNo: String(row.student_no),
    cohortYear: Number(row.cohort_year),
    groupId: row.group_id === null ? null : Number(row.group_id),
    status: String(row.status) as StudentProfile['status'],
  };
}

/** Every answer that does not claim a seat: not selectable now, already placed, or not eligible. */
async function earlyAnswer(
  query: RawQuery,
  facts: SectionFacts,
  student: Pick<StudentProfile, 'cohortYear' | 'groupId' | 'status'>,
  programme: Set<number> | null,
  state: StudentState,
): Promise<Answer | null> {
  const sectionId = facts.id;
  const window = facts.window;
  if (!window) return refused(sectionId, 'not_in_window', 'window.section_not_in_window', { code: String(sectionId) });
  if (window.mode === 'lottery' && !window.drawnAt) return refused(sectionId, 'lottery_window', 'window.is_lottery');
  if (facts.status !== 'open') return refused(sectionId, 'cancelled', 'selection.refused.cancelled');
  const mine = state.current.find((entry) => Number(entry.section_id) === sectionId);
  if (mine?.status === 'enrolled')
    return {
      status: 200,
      outcome: 'already_enrolled',
      sectionId,
      messageKey: 'selection.already_enrolled',
      params: { name: facts.course.name },
    };
  if (mine?.status === 'waitlisted') {
    const position = await waitlistPosition(query, sectionId, Number(mine.waitlist_seq));
    return {
      status: 200,
      outcome: 'already_waitlisted',
      sectionId,
      position,
      messageKey: 'selection.already_waitlisted',
      params: { name: facts.course.name, position },
    };
  }
  const refusal = selectionRefusal({
    now: new Date(),
    window: effectiveWindow(window),
    student: { cohortYear: student.cohortYear, groupId: student.groupId, status: student.status },
    course: facts.course,
    programmeCourseIds: programme,
    passedCourseCodes: state.passed,
    current: state.current.map((entry) => ({
      courseId: Number(entry.course_id),
      credits: entry.credits,
      status: entry.status,
      meetings: entry.meetings,
      courseName: entry.course_name,
    })),
    sectionMeetings: facts.meetings,
  });
  return refusal ? refused(sectionId, refusal.reason, refusal.messageKey, refusal.params) : null;
}

/** Course ids of the student's published programme, or null when there is none. */
export async function programmeCourseIds(db: Db, majorId: number, cohortYear: number): Promise<Set<number> | null> {
  const programme = await publishedProgrammeOf(db, majorId, cohortYear);
  if (!programme) return null;
  const rows = await db
    .select({ courseId: programmeCourses.courseId })
    .from(programmeCourses)
    .where(eq(programmeCourses.programmeId, programme.id));
  return new Set(rows.map((row) => row.courseId));
}
