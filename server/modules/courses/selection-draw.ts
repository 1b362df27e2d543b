/** Preference-then-draw windows: ranked choices, the seeded draw (scheduled or by hand) and its verification. */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { authorize, authorizeWithinInstitution } from '../../platform/access.ts';
import { recordAudit, recordAuditMany, type RequestContext } from '../../platform/audit.ts';
import { AppError, forbidden, unprocessable } from '../../platform/errors.ts';
import { translate, type Locale } from '../../platform/messages.ts';
import { studentProfile } from '../org/read.ts';
import { meetingOf } from './offering-service.ts';
import { clearSelectionCache } from './selection-cache.ts';
import { drawLottery, selectionRefusal, type CourseLayer, type LotteryInput, type LotterySection } from './rules.ts';
import { courseVersions, enrolments, sectionMeetings, sections, selectionPreferences, selectionWindows } from './schema.ts';
import './messages.ts';
import { programmeCourseIds } from './selection-select.ts';
import { effectiveWindow, lockStudent, rawOf, requireStudent, studentState } from './selection-state.ts';
import { type WindowRow, loadWindow, windowSections } from './selection-windows.ts';

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
