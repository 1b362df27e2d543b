/** Selection windows (选课轮次): creation and changes, the sections each offers, phases, lists. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type Db } from '../../db/connection.ts';
import { authorize, authorizeWithinInstitution, requireActor } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { invalidReference, notFound, unprocessable } from '../../platform/errors.ts';
import { termById } from '../org/read.ts';
import { courseVersionColumns, meetingOf } from './offering-service.ts';
import { clearSelectionCache } from './selection-cache.ts';
import { type CourseLayer, type SectionStatus, type SelectionMode } from './rules.ts';
import { courses, courseVersions, sectionMeetings, sections, selectionWindows } from './schema.ts';
import './messages.ts';
import { countAll } from '../../db/sql.ts';

export type WindowRow = typeof selectionWindows.$inferSelect;

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

export async function loadWindow(db: Db, windowId: number): Promise<WindowRow> {
  const [row] = await db.select().from(selectionWindows).where(eq(selectionWindows.id, windowId));
  if (!row) throw notFound('selection_window', windowId);
  return row;
}

/** The sections of a window with seats left, as students and staff see them. */
export async function windowSections(db: Db, windowId: number) {
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
      ...courseVersionColumns,
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

export function publicWindow(row: WindowRow) {
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
