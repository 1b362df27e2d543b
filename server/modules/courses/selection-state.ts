/**
 * What every selection answer is built from: section facts (cached), a student's state as one query reads it,
 * answers and their memory by request id, the student lock.
 */
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { inJsonList, lockStatement, sqlLiteral, type Db, type RawQuery } from '../../db/connection.ts';
import { requireActor } from '../../platform/access.ts';
import { type RequestContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../platform/messages.ts';
import { meetingOf } from './offering-service.ts';
import { rememberedAnswer, sectionFactsCache } from './selection-cache.ts';
import { type CourseLayer, type Meeting, type SelectionMode } from './rules.ts';
import { courses, courseVersions, sectionMeetings, sections, selectionWindows } from './schema.ts';
import './messages.ts';
import { rowsOf } from '../../db/sql.ts';
import { type WindowRow } from './selection-windows.ts';

// ---------------------------------------------------------------------------------------------
// Read caches for the hot path: window, section and course facts change rarely (writes clear them);
// a student's profile and programme are stable within a window.

export interface SectionFacts {
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

/**
 * The facts of a section and of every other section in its selection window, in two queries: a rush
 * asks for all of a window's sections within seconds, and one at a time each was two queries of its own
 * (again whenever the cache's lifetime ran out).
 */
export async function sectionFactsOfWindow(db: Db, sectionId: number): Promise<Map<number, SectionFacts>> {
  const rows = await db
    .select({ section: sections, course: courses, version: courseVersions, window: selectionWindows })
    .from(sections)
    .innerJoin(courses, eq(courses.id, sections.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
    .leftJoin(selectionWindows, eq(selectionWindows.id, sections.windowId))
    .where(or(eq(sections.id, sectionId), eq(sections.windowId, sql`(SELECT s.window_id FROM sections s WHERE s.id = ${sectionId})`)));
  const meetings =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(sectionMeetings)
          .where(
            inJsonList(
              sectionMeetings.sectionId,
              rows.map((row) => row.section.id),
              'bigint',
            ),
          );
  const facts = new Map<number, SectionFacts>();
  for (const row of rows)
    facts.set(row.section.id, {
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
      meetings: meetings.filter((meeting) => meeting.sectionId === row.section.id).map(meetingOf),
    });
  return facts;
}

/** A section's facts from this server's cache; a miss loads its whole window's sections at once. */
export function cachedSectionFacts(app: AppContext, sectionId: number): Promise<SectionFacts | null> {
  const cache = sectionFactsCache<SectionFacts | null>(app);
  return cache.get(sectionId, async () => {
    const facts = await sectionFactsOfWindow(app.db, sectionId);
    for (const [id, sibling] of facts) if (id !== sectionId) cache.set(id, sibling);
    return facts.get(sectionId) ?? null;
  });
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

export const refused = (sectionId: number, reason: string, messageKey: MessageKey, params: MessageParams = {}): Answer => ({
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
export function rawOf(tx: Db): RawQuery {
  return async <T>(text: string, params: unknown[] = []) => {
    const parts = text.split(/\$(\d+)/);
    const chunks: SQL[] = [sql.raw(parts[0]!)];
    for (let index = 1; index < parts.length; index += 2) {
      chunks.push(sql`${params[Number(parts[index]) - 1]}`, sql.raw(parts[index + 1]!));
    }
    return rowsOf<T>(await tx.execute(sql.join(chunks, sql.raw(''))));
  };
}

export const selectionLockSpace = 7301;

export function requireStudent(request: RequestContext): { studentId: number } {
  const actor = requireActor(request.actor);
  if (!actor.studentId) throw new AppError(403, 'NOT_STUDENT', 'selection.not_student');
  return { studentId: actor.studentId };
}

/** The window as it applies to adds now: a drawn lottery window takes first-come adds until its drop deadline. */
export function effectiveWindow(window: WindowRow) {
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
export function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => sqlLiteral(params[Number(index) - 1]));
}

/**
 * Under the students' locks: for each {student, term, request}, the profile, published programme,
 * active places in the term, passed course codes and the answer already given to that request id
 * (courses_selection_states, migration 0004). Rows come back in the order asked.
 */
export const statesSql = 'SELECT * FROM courses_selection_states($1::jsonb)';
export const stateRequests = (requests: Array<{ studentId: number; termId: number; requestId: string }>) =>
  requests.map((entry) => ({ student: entry.studentId, term: entry.termId, request: entry.requestId }));

export interface StudentState {
  current: Array<Omit<CurrentEntry, 'meetings'> & { meetings: Meeting[] }>;
  passed: Set<string>;
  prior: { action: string; section_id: number; response: Answer } | null;
}

export const parsedJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export async function studentState(query: RawQuery, studentId: number, termId: number, requestId: string): Promise<StudentState> {
  const [row] = await query<Record<string, unknown>>(statesSql, [JSON.stringify(stateRequests([{ studentId, termId, requestId }]))]);
  return parseState(row!);
}

export function parseState(row: Record<string, unknown>): StudentState {
  const current = parsedJson<CurrentEntry[]>(row.current);
  return {
    current: current.map((entry) => ({ ...entry, credits: Number(entry.credits), meetings: entry.meetings ?? [] })),
    passed: new Set(parsedJson<string[]>(row.passed)),
    prior: row.prior ? parsedJson(row.prior) : null,
  };
}

/** The stored answer for a repeated request id (a double click, a retry), or null for a new request. */
export function priorAnswer(state: StudentState, action: string, sectionId: number): Answer | null {
  if (!state.prior) return null;
  if (state.prior.action !== action || Number(state.prior.section_id) !== sectionId)
    throw new AppError(409, 'REQUEST_REUSED', 'selection.request_reused');
  return parsedJson<Answer>(state.prior.response);
}

export async function waitlistPosition(query: RawQuery, sectionId: number, seq: number): Promise<number> {
  const [row] = await query<{ ahead: number }>(
    `SELECT count(*)::int AS ahead FROM enrolments WHERE section_id = $1::bigint AND status = 'waitlisted' AND waitlist_seq < $2::bigint`,
    [sectionId, seq],
  );
  return Number(row!.ahead) + 1;
}

const rememberSql = `INSERT INTO selection_requests (institution_id, student_id, request_id, action, section_id, response) VALUES ($1::bigint, $2::bigint, $3::text, $4::text, $5::bigint, $6::jsonb)`;

export async function rememberAnswer(
  query: RawQuery,
  institutionId: number,
  studentId: number,
  requestId: string,
  action: string,
  answer: Answer,
) {
  await query(rememberSql, [institutionId, studentId, requestId, action, answer.sectionId, JSON.stringify(answer)]);
}

export const lockStudent = (tx: Db, studentId: number) => tx.execute(sql.raw(lockStatement([selectionLockSpace, studentId])));

/** The answer this server already gave to a request id (a double click, a retry), if any. */
export function answeredBefore(app: AppContext, studentId: number, requestId: string, action: string, sectionId: number): Answer | null {
  const remembered = rememberedAnswer<Answer>(app, studentId, requestId);
  if (!remembered) return null;
  if (remembered.action !== action || remembered.sectionId !== sectionId)
    throw new AppError(409, 'REQUEST_REUSED', 'selection.request_reused');
  return remembered.answer;
}
