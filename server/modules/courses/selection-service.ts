/**
 * Cross-group elective selection (选课): windows, first-come selection, preference-then-draw,
 * waitlists with promotion, drops. Every submission gets a definite answer at once, and the
 * same request id always gets the same answer without a second effect.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { lockStatement, sqlLiteral, type Db, type RawQuery } from '../../db/connection.ts';
import { authorize, authorizeWithinInstitution, requireActor } from '../../platform/access.ts';
import { recordAudit, recordAuditMany, type RequestContext } from '../../platform/audit.ts';
import { BatchQueue } from '../../platform/batch-queue.ts';
import { AppError, forbidden, invalidReference, notFound, unprocessable } from '../../platform/errors.ts';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../platform/messages.ts';
import { studentProfile, studentProfiles, termById, type StudentProfile } from '../org/read.ts';
import { meetingOf, promoteFromWaitlist } from './offering-service.ts';
import { clearSelectionCache, keepAnswer, rememberedAnswer, sectionFactsCache } from './selection-cache.ts';
import { publishedProgrammeOf } from './programme-service.ts';
import {
  drawLottery,
  selectionRefusal,
  type ActiveEnrolmentStatus,
  type CourseLayer,
  type EnrolmentSource,
  type LotteryInput,
  type LotterySection,
  type Meeting,
  type SectionStatus,
  type SelectionMode,
} from './rules.ts';
import {
  courses,
  courseVersions,
  enrolments,
  programmeCourses,
  sectionMeetings,
  sections,
  selectionPreferences,
  selectionWindows,
} from './schema.ts';
import './messages.ts';
import { rowsOf, countAll } from '../../db/sql.ts';

type WindowRow = typeof selectionWindows.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Windows

export interface WindowInput {
  termId: number;
  name: string;
  mode: SelectionMode;
  cohortYears: number[];
  opensAt: Date;
  closesAt: Date;
  dropDeadline: Date;
  creditCap: number;
  maxChoices?: number;
  maxCourses?: number;
  waitlistLimit?: number;
  sectionIds?: number[];
}

function checkWindowTimes(input: Pick<WindowInput, 'opensAt' | 'closesAt' | 'dropDeadline'>) {
  if (!(input.opensAt < input.closesAt) || input.dropDeadline < input.opensAt) throw unprocessable('BAD_TIMES', 'window.bad_times');
}

export async function createWindow(app: AppContext, request: RequestContext, input: WindowInput) {
  const term = await termById(app.db, input.termId);
  if (!term) throw invalidReference('term', 'termId');
  authorize(request.actor, 'selection.manage', { type: 'institution', id: term.institutionId }, await app.scopes.get());
  checkWindowTimes(input);
  const id = await app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(selectionWindows)
      .values({
        institutionId: term.institutionId,
        termId: term.id,
        name: input.name,
        mode: input.mode,
        cohortYears: [...new Set(input.cohortYears)].sort(),
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        dropDeadline: input.dropDeadline,
        creditCap: input.creditCap,
        maxChoices: input.maxChoices ?? 5,
        maxCourses: input.maxCourses ?? 2,
        waitlistLimit: input.waitlistLimit ?? 30,
        createdBy: request.actor!.userId,
      })
      .returning();
    if (input.sectionIds?.length) await attachSections(tx, row!, input.sectionIds);
    await recordAudit(tx, request, {
      action: 'window.create',
      entity: 'selection_window',
      entityId: row!.id,
      institutionId: term.institutionId,
      summary: `新建选课轮次 ${input.name}`,
      after: { ...row, sectionIds: input.sectionIds ?? [] },
    });
    return row!.id;
  });
  clearSelectionCache(app);
  return getWindow(app, request, id);
}

async function attachSections(tx: Db, window: WindowRow, sectionIds: number[]) {
  const rows = await tx
    .select({ id: sections.id, termId: sections.termId, code: sections.code })
    .from(sections)
    .where(inArray(sections.id, sectionIds));
  if (rows.length !== new Set(sectionIds).size || rows.some((row) => row.termId !== window.termId))
    throw invalidReference('section', 'sectionIds');
  await tx.update(sections).set({ windowId: window.id, updatedAt: new Date() }).where(inArray(sections.id, sectionIds));
}

export async function updateWindow(
  app: AppContext,
  request: RequestContext,
  windowId: number,
  patch: Partial<Omit<WindowInput, 'termId' | 'mode'>>,
) {
  const window = await loadWindow(app.db, windowId);
  authorize(request.actor, 'selection.manage', { type: 'institution', id: window.institutionId }, await app.scopes.get());
  await app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(selectionWindows).where(eq(selectionWindows.id, windowId)).for('update');
    const merged = {
      opensAt: patch.opensAt ?? before!.opensAt,
      closesAt: patch.closesAt ?? before!.closesAt,
      dropDeadline: patch.dropDeadline ?? before!.dropDeadline,
    };
    checkWindowTimes(merged);
    const [after] = await tx
      .update(selectionWindows)
      .set({
        ...merged,
        name: patch.name ?? before!.name,
        cohortYears: patch.cohortYears ?? before!.cohortYears,
        creditCap: patch.creditCap ?? before!.creditCap,
        maxChoices: patch.maxChoices ?? before!.maxChoices,
        maxCourses: patch.maxCourses ?? before!.maxCourses,
        waitlistLimit: patch.waitlistLimit ?? before!.waitlistLimit,
      })
      .where(eq(selectionWindows.id, windowId))
      .returning();
    if (patch.sectionIds) await attachSections(tx, after!, patch.sectionIds);
    await recordAudit(tx, request, {
      action: 'window.update',
      entity: 'selection_window',
      entityId: windowId,
      institutionId: before!.institutionId,
      summary: `修改选课轮次 ${after!.name}`,
      before,
      after,
    });
  });
  clearSelectionCache(app);
  return getWindow(app, request, windowId);
}

async function loadWindow(db: Db, windowId: number): Promise<WindowRow> {
  const [row] = await db.select().from(selectionWindows).where(eq(selectionWindows.id, windowId));
  if (!row) throw notFound('selection_window', windowId);
  return row;
}

/** The sections of a window with seats left, as students and staff see them. */
async function windowSections(db: Db, windowId: number) {
  const rows = await db
    .select({
      id: sections.id,
      code: sections.code,
      capacity: sections.capacity,
      enrolledCount: sections.enrolledCount,
      waitlistCount: sections.waitlistCount,
      room: sections.room,
      status: sections.status,
      courseId: courses.id,
      courseCode: courses.code,
      courseName: courseVersions.name,
      courseNameEn: courseVersions.nameEn,
      credits: courseVersions.credits,
      layer: courseVersions.layer,
      ownerGroupId: courseVersions.ownerGroupId,
      prerequisiteCodes: courseVersions.prerequisiteCodes,
    })
    .from(sections)
    .innerJoin(courses, eq(courses.id, sections.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
    .where(eq(sections.windowId, windowId))
    .orderBy(asc(courses.code), asc(sections.code));
  const meetings =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(sectionMeetings)
          .where(
            inArray(
              sectionMeetings.sectionId,
              rows.map((row) => row.id),
            ),
          );
  return rows.map((row) => ({
    ...row,
    status: row.status as SectionStatus,
    layer: row.layer as CourseLayer,
    seatsLeft: row.capacity - row.enrolledCount,
    meetings: meetings.filter((m) => m.sectionId === row.id).map(meetingOf),
  }));
}

export async function listWindows(app: AppContext, request: RequestContext, filter: { termId?: number; institutionId?: number }) {
  const actor = requireActor(request.actor);
  const institutionId = filter.institutionId ?? actor.institutionId;
  if (!institutionId) throw notFound('institution', '-');
  authorizeWithinInstitution(actor, 'section.read', institutionId, await app.scopes.get());
  const conditions = [eq(selectionWindows.institutionId, institutionId)];
  if (filter.termId) conditions.push(eq(selectionWindows.termId, filter.termId));
  const rows = await app.db
    .select()
    .from(selectionWindows)
    .where(and(...conditions))
    .orderBy(asc(selectionWindows.opensAt));
  const counts =
    rows.length === 0
      ? []
      : await app.db
          .select({
            windowId: sections.windowId,
            sections: countAll(),
            capacity: sql<number>`sum(${sections.capacity})::int`,
            enrolled: sql<number>`sum(${sections.enrolledCount})::int`,
            waitlisted: sql<number>`sum(${sections.waitlistCount})::int`,
          })
          .from(sections)
          .where(
            inArray(
              sections.windowId,
              rows.map((row) => row.id),
            ),
          )
          .groupBy(sections.windowId);
  return rows.map((row) => {
    const { windowId: _windowId, ...count } = counts.find((entry) => entry.windowId === row.id) ?? {
      windowId: row.id,
      sections: 0,
      capacity: 0,
      enrolled: 0,
      waitlisted: 0,
    };
    return { ...publicWindow(row), ...count };
  });
}

function publicWindow(row: WindowRow) {
  const { drawSnapshot: _snapshot, ...rest } = row;
  // The seed stays secret until the draw, so nobody can compute the order in advance.
  const lotterySeed = row.drawnAt ? row.lotterySeed : null;
  return { ...rest, mode: row.mode as SelectionMode, lotterySeed, phase: windowPhase(row, new Date()) };
}

export const windowPhases = ['upcoming', 'open', 'awaiting_draw', 'adjusting', 'closed'] as const;
export type WindowPhase = (typeof windowPhases)[number];

/** upcoming → open → (lottery: awaiting_draw → adjusting until the drop deadline) → closed. */
export function windowPhase(window: Pick<WindowRow, 'opensAt' | 'closesAt' | 'dropDeadline' | 'mode' | 'drawnAt'>, now: Date): WindowPhase {
  if (now < window.opensAt) return 'upcoming';
  if (now <= window.closesAt) return 'open';
  if (window.mode === 'lottery' && !window.drawnAt) return 'awaiting_draw';
  if (window.mode === 'lottery' && now <= window.dropDeadline) return 'adjusting';
  return 'closed';
}

export async function getWindow(app: AppContext, request: RequestContext, windowId: number) {
  const window = await loadWindow(app.db, windowId);
  authorizeWithinInstitution(request.actor, 'section.read', window.institutionId, await app.scopes.get());
  return { ...publicWindow(window), sections: await windowSections(app.db, windowId) };
}

// ---------------------------------------------------------------------------------------------
// Read caches for the hot path: window, section and course facts change rarely (writes clear them);
// a student's profile and programme are stable within a window.

interface SectionFacts {
  id: number;
  institutionId: number;
  termId: number;
  status: string;
  window: WindowRow | null;
  course: {
    id: number;
    code: string;
    name: string;
    credits: number;
    layer: CourseLayer;
    ownerGroupId: number | null;
    prerequisiteCodes: string[];
  };
  meetings: Meeting[];
}

async function sectionFacts(db: Db, sectionId: number): Promise<SectionFacts | null> {
  const [row] = await db
    .select({ section: sections, course: courses, version: courseVersions, window: selectionWindows })
    .from(sections)
    .innerJoin(courses, eq(courses.id, sections.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
    .leftJoin(selectionWindows, eq(selectionWindows.id, sections.windowId))
    .where(eq(sections.id, sectionId));
  if (!row) return null;
  const meetings = await db.select().from(sectionMeetings).where(eq(sectionMeetings.sectionId, sectionId));
  return {
    id: row.section.id,
    institutionId: row.section.institutionId,
    termId: row.section.termId,
    status: row.section.status,
    window: row.window,
    course: {
      id: row.course.id,
      code: row.course.code,
      name: row.version.name,
      credits: row.version.credits,
      layer: row.version.layer as CourseLayer,
      ownerGroupId: row.version.ownerGroupId,
      prerequisiteCodes: row.version.prerequisiteCodes,
    },
    meetings: meetings.map(meetingOf),
  };
}

// ---------------------------------------------------------------------------------------------
// Answers

export const selectionOutcomes = [
  'enrolled',
  'waitlisted',
  'refused',
  'already_enrolled',
  'already_waitlisted',
  'dropped',
  'left_waitlist',
] as const;
export type Outcome = (typeof selectionOutcomes)[number];

export interface Answer {
  /** 200 for a place taken, kept or given up; 409 for a refusal. */
  status: 200 | 409;
  outcome: Outcome;
  sectionId: number;
  position?: number;
  reason?: string;
  messageKey: MessageKey;
  params: MessageParams;
}

export function presentAnswer(answer: Answer, locale: Locale) {
  const message = translate(answer.messageKey, locale, answer.params);
  if (answer.status >= 400) {
    return {
      error: {
        code: answer.outcome === 'refused' ? 'SELECTION_REFUSED' : 'SELECTION_ERROR',
        message,
        details: { outcome: answer.outcome, reason: answer.reason ?? null, sectionId: answer.sectionId },
      },
    };
  }
  return { outcome: answer.outcome, sectionId: answer.sectionId, position: answer.position ?? null, message };
}

const refused = (sectionId: number, reason: string, messageKey: MessageKey, params: MessageParams = {}): Answer => ({
  status: 409,
  outcome: 'refused',
  sectionId,
  reason,
  messageKey,
  params,
});

interface CurrentEntry {
  id: number;
  section_id: number;
  course_id: number;
  status: 'enrolled' | 'waitlisted';
  waitlist_seq: number | null;
  credits: number;
  course_name: string;
  meetings: Meeting[] | null;
}

/** Runs a `$1…$n` statement on a Drizzle transaction, so one SQL text serves both kinds of transaction. */
function rawOf(tx: Db): RawQuery {
  return async <T>(text: string, params: unknown[] = []) => {
    const parts = text.split(/\$(\d+)/);
    const chunks: SQL[] = [sql.raw(parts[0]!)];
    for (let index = 1; index < parts.length; index += 2) {
      chunks.push(sql`${params[Number(parts[index]) - 1]}`, sql.raw(parts[index + 1]!));
    }
    return rowsOf<T>(await tx.execute(sql.join(chunks, sql.raw(''))));
  };
}

const selectionLockSpace = 7301;

function requireStudent(request: RequestContext): { studentId: number } {
  const actor = requireActor(request.actor);
  if (!actor.studentId) throw new AppError(403, 'NOT_STUDENT', 'selection.not_student');
  return { studentId: actor.studentId };
}

/** The window as it applies to adds now: a drawn lottery window takes first-come adds until its drop deadline. */
function effectiveWindow(window: WindowRow) {
  const lotteryAdjusting = window.mode === 'lottery' && window.drawnAt !== null;
  return {
    opensAt: window.opensAt,
    closesAt: lotteryAdjusting ? window.dropDeadline : window.closesAt,
    cohortYears: window.cohortYears,
    creditCap: window.creditCap,
    mode: window.mode as SelectionMode,
    drawn: window.drawnAt !== null,
  };
}

/** Writes `$1…$n` of a statement as literals, for the parameterless texts of the locked transaction. */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => sqlLiteral(params[Number(index) - 1]));
}

/**
 * Under the students' locks: for each {student, term, request}, the profile, published programme,
 * active places in the term, passed course codes and the answer already given to that request id
 * (courses_selection_states, migration 0004). Rows come back in the order asked.
 */
const statesSql = 'SELECT * FROM courses_selection_states($1::jsonb)';
const stateRequests = (requests: Array<{ studentId: number; termId: number; requestId: string }>) =>
  requests.map((entry) => ({ student: entry.studentId, term: entry.termId, request: entry.requestId }));

interface StudentState {
  current: Array<Omit<CurrentEntry, 'meetings'> & { meetings: Meeting[] }>;
  passed: Set<string>;
  prior: { action: string; section_id: number; response: Answer } | null;
}

const parsedJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

async function studentState(query: RawQuery, studentId: number, termId: number, requestId: string): Promise<StudentState> {
  const [row] = await query<Record<string, unknown>>(statesSql, [JSON.stringify(stateRequests([{ studentId, termId, requestId }]))]);
  return parseState(row!);
}

function parseState(row: Record<string, unknown>): StudentState {
  const current = parsedJson<CurrentEntry[]>(row.current);
  return {
    current: current.map((entry) => ({ ...entry, credits: Number(entry.credits), meetings: entry.meetings ?? [] })),
    passed: new Set(parsedJson<string[]>(row.passed)),
    prior: row.prior ? parsedJson(row.prior) : null,
  };
}

/** The stored answer for a repeated request id (a double click, a retry), or null for a new request. */
function priorAnswer(state: StudentState, action: string, sectionId: number): Answer | null {
  if (!state.prior) return null;
  if (state.prior.action !== action || Number(state.prior.section_id) !== sectionId)
    throw new AppError(409, 'REQUEST_REUSED', 'selection.request_reused');
  return parsedJson<Answer>(state.prior.response);
}

async function waitlistPosition(query: RawQuery, sectionId: number, seq: number): Promise<number> {
  const [row] = await query<{ ahead: number }>(
    `SELECT count(*)::int AS ahead FROM enrolments WHERE section_id = $1::bigint AND status = 'waitlisted' AND waitlist_seq < $2::bigint`,
    [sectionId, seq],
  );
  return Number(row!.ahead) + 1;
}

const rememberSql = `INSERT INTO selection_requests (institution_id, student_id, request_id, action, section_id, response) VALUES ($1::bigint, $2::bigint, $3::text, $4::text, $5::bigint, $6::jsonb)`;

async function rememberAnswer(
  query: RawQuery,
  institutionId: number,
  studentId: number,
  requestId: string,
  action: string,
  answer: Answer,
) {
  await query(rememberSql, [institutionId, studentId, requestId, action, answer.sectionId, JSON.stringify(answer)]);
}

const lockStudent = (tx: Db, studentId: number) => tx.execute(sql.raw(lockStatement([selectionLockSpace, studentId])));

/**
 * selectSection(actor, sectionId, requestId): enrolled, waitlisted with position, or refused with the
 * reason. A repeated request id already answered on this server is answered from memory; the rest
 * go to the database through the selection batch queue.
 */
export async function selectSection(app: AppContext, request: RequestContext, sectionId: number, requestId: string): Promise<Answer> {
  const { studentId } = requireStudent(request);
  const known = answeredBefore(app, studentId, requestId, 'select', sectionId);
  if (known) return known;
  const facts = await sectionFactsCache<SectionFacts | null>(app).get(sectionId, () => sectionFacts(app.db, sectionId));
  if (!facts) throw notFound('section', sectionId);
  const answer = await selectionQueue(app).submit({ request, studentId, facts, requestId });
  keepAnswer(app, studentId, requestId, { action: 'select', sectionId, answer });
  return answer;
}

/** The answer this server already gave to a request id (a double click, a retry), if any. */
function answeredBefore(app: AppContext, studentId: number, requestId: string, action: string, sectionId: number): Answer | null {
  const remembered = rememberedAnswer<Answer>(app, studentId, requestId);
  if (!remembered) return null;
  if (remembered.action !== action || remembered.sectionId !== sectionId)
    throw new AppError(409, 'REQUEST_REUSED', 'selection.request_reused');
  return remembered.answer;
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
 * one per student). Four batches in flight measured best in the rush bench (two: a little slower;
 * eight: slower and a longer tail, the batches contend for the same section rows).
 */
function selectionQueue(app: AppContext): BatchQueue<PendingSelection, Answer> {
  let queue = selectionQueues.get(app);
  if (!queue) {
    queue = new BatchQueue<PendingSelection, Answer>({
      keyOf: (pending) => pending.studentId,
      run: (batch) => selectBatch(app, batch),
      maxInFlight: 4,
      maxBatch: 64,
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

/**
 * One transaction for a batch of selections, in two round trips: [BEGIN, the students' locks,
 * everything the decisions read] and [every claim, every answer stored, the audit entries, COMMIT].
 * The rules decide each submission on its own student's state; claims on one section are served in
 * (section, student) order inside the transaction.
 */
async function selectBatch(app: AppContext, batch: PendingSelection[]): Promise<Array<Answer | Error>> {
  let decisions: Decision[] = [];
  const prelude = inline(statesSql, [
    stateRequests(batch.map((pending) => ({ studentId: pending.studentId, termId: pending.facts.termId, requestId: pending.requestId }))),
  ]);
  const { closingRows } = await app.database.lockedTransaction(
    batch.map((pending) => [selectionLockSpace, pending.studentId] as const),
    prelude,
    async (rows, query) => {
      decisions = [];
      for (const [index, pending] of batch.entries()) {
        try {
          decisions.push(await decideSelection(query, pending, index + 1, rows[index]));
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
      refused: refused(sectionId, 'waitlist_full', 'selection.refused.waitlist_full'),
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
async function programmeCourseIds(db: Db, majorId: number, cohortYear: number): Promise<Set<number> | null> {
  const programme = await publishedProgrammeOf(db, majorId, cohortYear);
  if (!programme) return null;
  const rows = await db
    .select({ courseId: programmeCourses.courseId })
    .from(programmeCourses)
    .where(eq(programmeCourses.programmeId, programme.id));
  return new Set(rows.map((row) => row.courseId));
}

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

// ---------------------------------------------------------------------------------------------
// Preference-then-draw

export async function submitPreferences(app: AppContext, request: RequestContext, windowId: number, sectionIds: number[], locale: Locale) {
  const { studentId } = requireStudent(request);
  const window = await loadWindow(app.db, windowId);
  if (window.mode !== 'lottery') throw new AppError(409, 'NOT_LOTTERY', 'window.not_lottery');
  const student = await studentProfile(app.db, studentId);
  if (!student || student.institutionId !== window.institutionId) throw forbidden();
  if (sectionIds.length > window.maxChoices) throw unprocessable('TOO_MANY_CHOICES', 'window.too_many_choices', { max: window.maxChoices });
  if (new Set(sectionIds).size !== sectionIds.length) throw unprocessable('DUPLICATE_CHOICE', 'error.validation');
  const offered = await windowSections(app.db, windowId);
  const programme = await programmeCourseIds(app.db, student.majorId, student.cohortYear);
  return app.db.transaction(async (tx) => {
    await lockStudent(tx, studentId);
    const state = await studentState(rawOf(tx), studentId, window.termId, '');
    const problems: Array<{ sectionId: number; rank: number; reason: string; message: string }> = [];
    const chosenCourses = new Map<number, number>();
    sectionIds.forEach((sectionId, index) => {
      const section = offered.find((entry) => entry.id === sectionId);
      if (!section) return;
      if (chosenCourses.has(section.courseId)) {
        problems.push({
          sectionId,
          rank: index + 1,
          reason: 'same_course',
          message: translate('selection.refused.same_course', locale, { name: section.courseName }),
        });
      }
      chosenCourses.set(section.courseId, sectionId);
    });
    sectionIds.forEach((sectionId, index) => {
      const section = offered.find((entry) => entry.id === sectionId);
      if (!section) {
        problems.push({
          sectionId,
          rank: index + 1,
          reason: 'not_in_window',
          message: translate('window.section_not_in_window', locale, { code: String(sectionId) }),
        });
        return;
      }
      // Each choice is checked on its own; the draw itself keeps the credit cap and clashes across choices.
      const refusal = selectionRefusal({
        now: new Date(),
        window: { ...effectiveWindow(window), creditCap: Number.MAX_SAFE_INTEGER },
        student: { cohortYear: student.cohortYear, groupId: student.groupId, status: student.status },
        course: {
          id: section.courseId,
          code: section.courseCode,
          name: section.courseName,
          credits: section.credits,
          layer: section.layer as CourseLayer,
          ownerGroupId: section.ownerGroupId,
          prerequisiteCodes: section.prerequisiteCodes,
        },
        programmeCourseIds: programme,
        passedCourseCodes: state.passed,
        current: state.current.map((entry) => ({
          courseId: Number(entry.course_id),
          credits: entry.credits,
          status: entry.status,
          meetings: entry.meetings,
          courseName: entry.course_name,
        })),
        sectionMeetings: section.meetings,
      });
      if (refusal)
        problems.push({
          sectionId,
          rank: index + 1,
          reason: refusal.reason,
          message: translate(refusal.messageKey, locale, refusal.params),
        });
    });
    if (problems.length > 0)
      throw new AppError(
        409,
        'SELECTION_REFUSED',
        'selection.preferences_refused',
        { count: problems.length, first: problems[0]!.message },
        problems,
      );
    await tx
      .delete(selectionPreferences)
      .where(and(eq(selectionPreferences.windowId, windowId), eq(selectionPreferences.studentId, studentId)));
    if (sectionIds.length > 0) {
      await tx
        .insert(selectionPreferences)
        .values(
          sectionIds.map((sectionId, index) => ({ institutionId: window.institutionId, windowId, studentId, rank: index + 1, sectionId })),
        );
    }
    await recordAudit(tx, request, {
      action: 'selection.preferences',
      entity: 'selection_window',
      entityId: windowId,
      institutionId: window.institutionId,
      summary: `${student.studentNo} 提交志愿 ${sectionIds.length} 个`,
      after: { sectionIds },
    });
    return { windowId, sectionIds };
  });
}

/** Runs the draw once, from a recorded seed; the seats and preferences it used are kept for re-checking. */
export async function drawWindow(app: AppContext, request: RequestContext, windowId: number, input: { seed?: string }) {
  const window = await loadWindow(app.db, windowId);
  authorize(request.actor, 'selection.manage', { type: 'institution', id: window.institutionId }, await app.scopes.get());
  return runDraw(app, request, window, input.seed);
}

/**
 * Draws every lottery window whose preference period has closed, with a fresh random seed (the
 * server runs this every minute, so the draw happens at close without anyone pressing a button).
 */
export async function drawDueWindows(app: AppContext): Promise<number> {
  const due = await app.db
    .select()
    .from(selectionWindows)
    .where(and(eq(selectionWindows.mode, 'lottery'), isNull(selectionWindows.drawnAt), lt(selectionWindows.closesAt, new Date())));
  let drawn = 0;
  for (const window of due) {
    try {
      await runDraw(app, { actor: null, requestId: 'scheduled-draw' }, window, undefined);
      drawn += 1;
    } catch (error) {
      // Drawn meanwhile by 教务 (or by another server): the result stands.
      if (!(error instanceof AppError && error.code === 'ALREADY_DRAWN')) throw error;
    }
  }
  return drawn;
}

async function runDraw(app: AppContext, request: RequestContext, window: WindowRow, requestedSeed: string | undefined) {
  const windowId = window.id;
  const input = { seed: requestedSeed };
  if (window.mode !== 'lottery') throw new AppError(409, 'NOT_LOTTERY', 'window.not_lottery');
  const result = await app.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(selectionWindows).where(eq(selectionWindows.id, windowId)).for('update');
    if (locked!.drawnAt) throw new AppError(409, 'ALREADY_DRAWN', 'window.already_drawn', { drawnAt: locked!.drawnAt.toISOString() });
    if (new Date() <= locked!.closesAt)
      throw new AppError(409, 'NOT_CLOSED', 'window.not_closed', { closesAt: locked!.closesAt.toISOString() });
    const seed = input.seed ?? randomBytes(16).toString('hex');
    const offered = await windowSections(tx, windowId);
    const preferenceRows = await tx
      .select()
      .from(selectionPreferences)
      .where(eq(selectionPreferences.windowId, windowId))
      .orderBy(asc(selectionPreferences.studentId), asc(selectionPreferences.rank));
    // Places the students already hold this term (other windows, assigned courses): a course held is
    // not drawn again, and the others count toward the cap and clashes.
    const studentIds = [...new Set(preferenceRows.map((row) => row.studentId))];
    const heldRows =
      studentIds.length === 0
        ? []
        : await tx
            .select({
              studentId: enrolments.studentId,
              courseId: enrolments.courseId,
              sectionId: enrolments.sectionId,
              credits: courseVersions.credits,
            })
            .from(enrolments)
            .innerJoin(sections, eq(sections.id, enrolments.sectionId))
            .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
            .where(
              and(
                inArray(enrolments.studentId, studentIds),
                eq(enrolments.termId, locked!.termId),
                inArray(enrolments.status, ['enrolled', 'waitlisted']),
              ),
            );
    const heldMeetings =
      heldRows.length === 0
        ? []
        : await tx
            .select()
            .from(sectionMeetings)
            .where(inArray(sectionMeetings.sectionId, [...new Set(heldRows.map((row) => row.sectionId))]));
    const held = heldRows.map((row) => ({
      studentId: row.studentId,
      courseId: row.courseId,
      credits: row.credits,
      meetings: heldMeetings.filter((m) => m.sectionId === row.sectionId).map(meetingOf),
    }));
    const heldKey = new Set(held.map((row) => `${row.studentId}:${row.courseId}`));
    const courseOf = new Map(offered.map((section) => [section.id, section.courseId]));
    const byStudent = new Map<number, number[]>();
    for (const row of preferenceRows) {
      if (heldKey.has(`${row.studentId}:${courseOf.get(row.sectionId)}`)) continue;
      byStudent.set(row.studentId, [...(byStudent.get(row.studentId) ?? []), row.sectionId]);
    }
    const open = offered.filter((section) => section.status === 'open');
    const lotterySections: LotterySection[] = open.map((section) => ({
      id: section.id,
      courseId: section.courseId,
      credits: section.credits,
      seats: section.capacity - section.enrolledCount,
      meetings: section.meetings,
    }));
    const preferences = [...byStudent.entries()].map(([studentId, ids]) => ({ studentId, sectionIds: ids }));
    const outcome = drawLottery({
      seed,
      sections: lotterySections,
      preferences,
      maxCourses: locked!.maxCourses,
      creditCap: locked!.creditCap,
      held,
    });
    // Drawn waitlist places queue behind anyone already waiting in the section.
    const queue = new Map(open.map((section) => [section.id, { count: section.waitlistCount, seq: 0 }]));
    const seqRows =
      open.length === 0
        ? []
        : await tx
            .select({ id: sections.id, seq: sections.waitlistSeq })
            .from(sections)
            .where(
              inArray(
                sections.id,
                open.map((section) => section.id),
              ),
            );
    for (const row of seqRows) queue.get(row.id)!.seq = row.seq;
    const placed = [
      ...outcome.allocations.map((a) => ({ ...a, status: 'enrolled' as const, waitlistSeq: null as number | null })),
      ...outcome.waitlist
        .filter((w) => queue.get(w.sectionId)!.count + w.position <= locked!.waitlistLimit)
        .map((w) => ({ ...w, status: 'waitlisted' as const, waitlistSeq: queue.get(w.sectionId)!.seq + w.position })),
    ];
    for (let start = 0; start < placed.length; start += 1000) {
      await tx.insert(enrolments).values(
        placed.slice(start, start + 1000).map((entry) => ({
          institutionId: locked!.institutionId,
          sectionId: entry.sectionId,
          courseId: courseOf.get(entry.sectionId)!,
          termId: locked!.termId,
          studentId: entry.studentId,
          status: entry.status,
          waitlistSeq: entry.waitlistSeq,
          source: 'lottery',
        })),
      );
    }
    for (const section of lotterySections) {
      const enrolled = outcome.allocations.filter((a) => a.sectionId === section.id).length;
      const waiting = placed.filter((p) => p.sectionId === section.id && p.status === 'waitlisted').length;
      if (enrolled === 0 && waiting === 0) continue;
      await tx
        .update(sections)
        .set({
          enrolledCount: sql`${sections.enrolledCount} + ${enrolled}`,
          waitlistCount: sql`${sections.waitlistCount} + ${waiting}`,
          waitlistSeq: sql`${sections.waitlistSeq} + ${waiting}`,
          updatedAt: new Date(),
        })
        .where(eq(sections.id, section.id));
    }
    const now = new Date();
    await tx
      .update(selectionWindows)
      .set({
        lotterySeed: seed,
        inputsHash: outcome.inputsHash,
        resultHash: outcome.resultHash,
        drawnAt: now,
        drawnBy: request.actor?.userId ?? null,
        drawSnapshot: { sections: lotterySections, preferences, held },
      })
      .where(eq(selectionWindows.id, windowId));
    await recordAuditMany(tx, request, [
      {
        action: 'window.draw',
        entity: 'selection_window',
        entityId: windowId,
        institutionId: locked!.institutionId,
        summary: `抽签：${preferences.length} 名学生，录取 ${outcome.allocations.length} 人次，候补 ${placed.length - outcome.allocations.length} 人次`,
        after: {
          seed,
          inputsHash: outcome.inputsHash,
          resultHash: outcome.resultHash,
          allocated: outcome.allocations.length,
          waitlisted: placed.length - outcome.allocations.length,
        },
      },
    ]);
    return {
      windowId,
      seed,
      inputsHash: outcome.inputsHash,
      resultHash: outcome.resultHash,
      students: preferences.length,
      allocated: outcome.allocations.length,
      waitlisted: placed.length - outcome.allocations.length,
      drawnAt: now,
    };
  });
  clearSelectionCache(app);
  return result;
}

/** Re-runs a recorded draw from its seed and snapshot; the result hash must match. */
export async function verifyDraw(app: AppContext, request: RequestContext, windowId: number) {
  const window = await loadWindow(app.db, windowId);
  authorizeWithinInstitution(request.actor, 'section.read', window.institutionId, await app.scopes.get());
  if (!window.drawnAt || !window.drawSnapshot || !window.lotterySeed) throw new AppError(409, 'NOT_DRAWN', 'window.not_drawn');
  const snapshot = window.drawSnapshot as {
    sections: LotterySection[];
    preferences: Array<{ studentId: number; sectionIds: number[] }>;
    held?: LotteryInput['held'];
  };
  const again = drawLottery({
    seed: window.lotterySeed,
    sections: snapshot.sections,
    preferences: snapshot.preferences,
    maxCourses: window.maxCourses,
    creditCap: window.creditCap,
    held: snapshot.held,
  });
  return {
    windowId,
    seed: window.lotterySeed,
    recordedResultHash: window.resultHash,
    recomputedResultHash: again.resultHash,
    matches: again.resultHash === window.resultHash && again.inputsHash === window.inputsHash,
  };
}

// ---------------------------------------------------------------------------------------------
// What a student sees, and staff views of a section

export async function mySelection(app: AppContext, request: RequestContext) {
  const { studentId } = requireStudent(request);
  const student = await studentProfile(app.db, studentId);
  if (!student) throw notFound('student', studentId);
  const now = new Date();
  const windows = (
    await app.db
      .select()
      .from(selectionWindows)
      .where(eq(selectionWindows.institutionId, student.institutionId))
      .orderBy(asc(selectionWindows.opensAt))
  ).filter((window) => window.cohortYears.includes(student.cohortYear) && windowPhase(window, now) !== 'closed');
  const result = [];
  for (const window of windows) {
    const offered = await windowSections(app.db, window.id);
    const preferences = await app.db
      .select()
      .from(selectionPreferences)
      .where(and(eq(selectionPreferences.windowId, window.id), eq(selectionPreferences.studentId, studentId)))
      .orderBy(asc(selectionPreferences.rank));
    result.push({
      ...publicWindow(window),
      sections: offered.map((section) => ({
        ...section,
        crossGroup: section.layer === 'extension' && section.ownerGroupId !== null && section.ownerGroupId !== student.groupId,
        ownGroup: section.ownerGroupId === student.groupId,
      })),
      preferences: preferences.map((row) => row.sectionId),
    });
  }
  const enrolled = await myEnrolments(app.db, studentId);
  return {
    student: {
      id: student.id,
      studentNo: student.studentNo,
      name: student.name,
      cohortYear: student.cohortYear,
      majorName: student.majorName,
      groupId: student.groupId,
    },
    windows: result,
    enrolments: enrolled,
    terms: await termLabels(app.db, [...result.map((window) => window.termId), ...enrolled.map((entry) => entry.termId)]),
  };
}

/** Codes of the terms a student's pages mention (students may not list the institution's terms). */
async function termLabels(db: Db, termIds: number[]) {
  const terms = [];
  for (const id of [...new Set(termIds)]) {
    const term = await termById(db, id);
    if (term) terms.push({ id: term.id, code: term.code, academicYear: term.academicYear, termNo: term.termNo });
  }
  return terms;
}

export async function myEnrolments(db: Db, studentId: number, termId?: number) {
  const conditions = [eq(enrolments.studentId, studentId), inArray(enrolments.status, ['enrolled', 'waitlisted'])];
  if (termId) conditions.push(eq(enrolments.termId, termId));
  const rows = await db
    .select({
      id: enrolments.id,
      sectionId: enrolments.sectionId,
      termId: enrolments.termId,
      status: enrolments.status,
      waitlistSeq: enrolments.waitlistSeq,
      source: enrolments.source,
      sectionCode: sections.code,
      room: sections.room,
      windowId: sections.windowId,
      courseId: courses.id,
      courseCode: courses.code,
      courseName: courseVersions.name,
      courseNameEn: courseVersions.nameEn,
      credits: courseVersions.credits,
      layer: courseVersions.layer,
      ownerGroupId: courseVersions.ownerGroupId,
    })
    .from(enrolments)
    .innerJoin(sections, eq(sections.id, enrolments.sectionId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
    .where(and(...conditions))
    .orderBy(asc(courses.code));
  const meetings =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(sectionMeetings)
          .where(
            inArray(
              sectionMeetings.sectionId,
              rows.map((row) => row.sectionId),
            ),
          );
  const positions = new Map<number, number>();
  for (const row of rows.filter((entry) => entry.status === 'waitlisted')) {
    const result = await db.execute(
      sql`SELECT count(*)::int AS ahead FROM enrolments WHERE section_id = ${row.sectionId} AND status = 'waitlisted' AND waitlist_seq < ${row.waitlistSeq}`,
    );
    positions.set(row.id, Number(rowsOf<{ ahead: number }>(result)[0]!.ahead) + 1);
  }
  return rows.map((row) => ({
    ...row,
    status: row.status as ActiveEnrolmentStatus,
    source: row.source as EnrolmentSource,
    layer: row.layer as CourseLayer,
    position: positions.get(row.id) ?? null,
    meetings: meetings.filter((m) => m.sectionId === row.sectionId).map(meetingOf),
  }));
}

/** The student's weekly timetable for a term: enrolled sections only. */
export async function myTimetable(app: AppContext, request: RequestContext, termId?: number) {
  const { studentId } = requireStudent(request);
  const items = (await myEnrolments(app.db, studentId, termId)).filter((entry) => entry.status === 'enrolled');
  return {
    termId: termId ?? null,
    items,
    terms: await termLabels(app.db, items.map((item) => item.termId).concat(termId ? [termId] : [])),
  };
}

export async function sectionRoster(app: AppContext, request: RequestContext, sectionId: number) {
  const [section] = await app.db.select().from(sections).where(eq(sections.id, sectionId));
  if (!section) throw notFound('section', sectionId);
  authorizeWithinInstitution(request.actor, 'section.read', section.institutionId, await app.scopes.get());
  const rows = await app.db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.sectionId, sectionId), inArray(enrolments.status, ['enrolled', 'waitlisted'])))
    .orderBy(asc(enrolments.status), asc(enrolments.waitlistSeq), asc(enrolments.id));
  const profiles = new Map(
    (
      await studentProfiles(
        app.db,
        rows.map((row) => row.studentId),
      )
    ).map((profile) => [profile.id, profile]),
  );
  const present = (row: (typeof rows)[number]) => {
    const profile = profiles.get(row.studentId);
    return {
      enrolmentId: row.id,
      studentId: row.studentId,
      studentNo: profile?.studentNo ?? '',
      name: profile?.name ?? '',
      majorName: profile?.majorName ?? '',
      source: row.source as EnrolmentSource,
      at: row.createdAt,
    };
  };
  const enrolled = rows
    .filter((row) => row.status === 'enrolled')
    .map(present)
    .sort((a, b) => a.studentNo.localeCompare(b.studentNo));
  const waitlist = rows.filter((row) => row.status === 'waitlisted').map((row, index) => ({ ...present(row), position: index + 1 }));
  return {
    sectionId,
    code: section.code,
    capacity: section.capacity,
    enrolledCount: section.enrolledCount,
    waitlistCount: section.waitlistCount,
    enrolled,
    waitlist,
  };
}
