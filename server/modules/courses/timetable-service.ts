/**
 * The period timetable (作息时间表) of an institution, and a student's whole term: the places they
 * hold (their class's required courses and their electives) at the times of the period timetable,
 * the required courses of the term not scheduled yet, and the term as an .ics calendar.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type Db } from '../../db/connection.ts';
import { authorize, authorizeWithinInstitution } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { institutionDate } from '../../platform/calendar.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import { translate, type Locale } from '../../platform/messages.ts';
import { institutionById, studentProfile, teachingWeeks, termsOfInstitution } from '../org/read.ts';
import { programmeItems, publishedProgrammeOf } from './programme-service.ts';
import { describeMeeting } from './rules.ts';
import { periodTimetables, selectionWindows } from './schema.ts';
import './messages.ts';
import { requireStudent } from './selection-state.ts';
import { myEnrolments } from './selection-views.ts';
import { windowPhase } from './selection-windows.ts';
import {
  defaultPeriodTimes,
  periodTimesProblem,
  programmeTermNo,
  timetableCalendar,
  type CalendarEntry,
  type PeriodTime,
} from './timetable.ts';

// ---------------------------------------------------------------------------------------------
// The period timetable

export async function periodTimesOf(db: Db, institutionId: number): Promise<{ periods: PeriodTime[]; updatedAt: Date | null }> {
  const [row] = await db.select().from(periodTimetables).where(eq(periodTimetables.institutionId, institutionId));
  return row ? { periods: row.periods as PeriodTime[], updatedAt: row.updatedAt } : { periods: defaultPeriodTimes, updatedAt: null };
}

export async function getPeriodTimes(app: AppContext, request: RequestContext, institutionId: number) {
  if (!(await institutionById(app.db, institutionId))) throw notFound('institution', institutionId);
  authorizeWithinInstitution(request.actor, 'section.read', institutionId, await app.scopes.get());
  const { periods, updatedAt } = await periodTimesOf(app.db, institutionId);
  return { institutionId, periods, isDefault: updatedAt === null, updatedAt };
}

/** 教务 sets when each period begins and ends: checked whole, stored whole, audited with before and after. */
export async function setPeriodTimes(app: AppContext, request: RequestContext, institutionId: number, periods: PeriodTime[]) {
  if (!(await institutionById(app.db, institutionId))) throw notFound('institution', institutionId);
  authorize(request.actor, 'section.write', { type: 'institution', id: institutionId }, await app.scopes.get());
  const problem = periodTimesProblem(periods);
  if (problem) throw unprocessable('BAD_PERIOD_TIMES', problem.problem, problem.params);
  const before = await periodTimesOf(app.db, institutionId);
  await app.db.transaction(async (tx) => {
    const stored = periods.map(({ period, startsAt, endsAt }) => ({ period, startsAt, endsAt }));
    await tx
      .insert(periodTimetables)
      .values({ institutionId, periods: stored, updatedBy: request.actor!.userId })
      .onConflictDoUpdate({
        target: periodTimetables.institutionId,
        set: { periods: stored, updatedBy: request.actor!.userId, updatedAt: new Date() },
      });
    await recordAudit(tx, request, {
      action: 'period_times.update',
      entity: 'period_timetable',
      entityId: institutionId,
      institutionId,
      summary: `修改作息时间表（${periods.length} 节）`,
      before: { periods: before.periods, isDefault: before.updatedAt === null },
      after: { periods: stored },
    });
  });
  return getPeriodTimes(app, request, institutionId);
}

// ---------------------------------------------------------------------------------------------
// A student's term

const chineseOrdinals = ['一', '二', '三', '四'];

/** 2026-2027学年第二学期 / 2026-2027, term 2. */
export function termTitle(term: { academicYear: string; termNo: number }, locale: Locale): string {
  const no = locale === 'zh-CN' ? (chineseOrdinals[term.termNo - 1] ?? String(term.termNo)) : String(term.termNo);
  return translate('timetable.term_name', locale, { year: term.academicYear, no });
}

/**
 * The student's term: every place they hold in it, each marked required (a course of their
 * programme that is not an elective) or elective, the required courses of the term that have no
 * section for them yet, and the period timetable. Without termId: the term of an open selection
 * window for them (they are choosing for it), else the term under way, else the next one.
 */
export async function myTimetable(app: AppContext, request: RequestContext, termId: number | undefined, locale: Locale = 'zh-CN') {
  const { studentId } = requireStudent(request);
  const student = await studentProfile(app.db, studentId);
  if (!student) throw notFound('student', studentId);
  const allTerms = await termsOfInstitution(app.db, student.institutionId);
  const programme = await publishedProgrammeOf(app.db, student.majorId, student.cohortYear);
  const programmeCourses = programme ? await programmeItems(app.db, programme.id) : [];
  const termCount = Math.max(6, ...programmeCourses.map((item) => item.termNo));
  const places = await myEnrolments(app.db, studentId);
  const describe = (term: (typeof allTerms)[number]) => ({
    id: term.id,
    code: term.code,
    academicYear: term.academicYear,
    termNo: term.termNo,
    name: termTitle(term, locale),
    startsOn: term.startsOn,
    endsOn: term.endsOn,
    firstWeekStartsOn: term.firstWeekStartsOn,
    weeks: teachingWeeks(term),
    programmeTermNo: programmeTermNo(student.cohortYear, term),
  });
  // The terms of the student's programme, and any other in which they hold a place.
  const terms = allTerms
    .map(describe)
    .filter((term) => (term.programmeTermNo >= 1 && term.programmeTermNo <= termCount) || places.some((place) => place.termId === term.id));
  let chosen = termId === undefined ? undefined : terms.find((term) => term.id === termId);
  if (termId !== undefined && !chosen) throw notFound('term', termId);
  chosen ??= await defaultTerm(app.db, student, terms);
  const { periods } = await periodTimesOf(app.db, student.institutionId);
  if (!chosen) return { termId: null, term: null, terms, items: [], unscheduled: [], periods };

  const required = new Set(programmeCourses.filter((item) => !item.isElective).map((item) => item.courseId));
  const items = places
    .filter((place) => place.termId === chosen.id && place.status === 'enrolled')
    .map((place) => ({ ...place, kind: required.has(place.courseId) ? ('required' as const) : ('elective' as const) }));
  const scheduled = new Set(items.map((item) => item.courseId));
  const unscheduled = programmeCourses
    .filter((item) => item.termNo === chosen.programmeTermNo && !item.isElective && !scheduled.has(item.courseId))
    .map((item) => ({
      courseId: item.courseId,
      courseCode: item.code,
      courseName: item.name,
      courseNameEn: item.nameEn,
      credits: item.credits,
      layer: item.layer,
    }));
  return { termId: chosen.id, term: chosen, terms, items, unscheduled, periods };
}

async function defaultTerm<T extends { id: number; startsOn: string; endsOn: string }>(
  db: Db,
  student: { institutionId: number; cohortYear: number },
  terms: T[],
): Promise<T | undefined> {
  const now = new Date();
  const windows = await db
    .select()
    .from(selectionWindows)
    .where(and(eq(selectionWindows.institutionId, student.institutionId)))
    .orderBy(asc(selectionWindows.opensAt));
  const choosing = windows.find(
    (window) => window.cohortYears.includes(student.cohortYear) && !['upcoming', 'closed'].includes(windowPhase(window, now)),
  );
  const today = institutionDate(now);
  return (
    terms.find((term) => term.id === choosing?.termId) ??
    terms.find((term) => term.startsOn <= today && today <= term.endsOn) ??
    terms.find((term) => term.startsOn > today) ??
    terms[terms.length - 1]
  );
}

/** The term's timetable as an .ics file: a weekly event for each meeting of each place held. */
export async function myTimetableIcs(app: AppContext, request: RequestContext, termId: number | undefined, locale: Locale = 'zh-CN') {
  const timetable = await myTimetable(app, request, termId, locale);
  const term = timetable.term;
  if (!term) throw notFound('term', termId ?? '-');
  const entries: CalendarEntry[] = timetable.items.flatMap((item) => {
    const name = (locale === 'en' && item.courseNameEn) || item.courseName;
    return item.meetings.map((meeting, index) => ({
      uid: `sitong-section-${item.sectionId}-meeting-${index + 1}@sitong`,
      summary: translate('timetable.event_summary', locale, { name, section: item.sectionCode }),
      location: item.room,
      description: translate('timetable.event_description', locale, {
        code: item.courseCode,
        name,
        credits: item.credits,
        when: describeMeeting(meeting, locale),
      }),
      meeting,
    }));
  });
  const body = timetableCalendar({
    name: translate('timetable.calendar_name', locale, { term: term.name }),
    term: { firstWeekStartsOn: term.firstWeekStartsOn, weeks: term.weeks },
    periods: timetable.periods,
    entries,
    stamp: new Date(),
  });
  return { fileName: `timetable-${term.code}.ics`, body };
}
