/**
 * What a student's progress shows beyond the credits earned: the courses under way (a place held,
 * no grade yet) and, per layer, what is still required, with the programme's required courses not
 * yet passed.
 */
import { eq } from 'drizzle-orm';
import { type Db } from '../../db/connection.ts';
import { round1 } from '../../platform/numbers.ts';
import { termById } from '../org/read.ts';
import { type ProgrammeItem } from './programme-service.ts';
import { grades } from './schema.ts';
import { myEnrolments } from './selection-views.ts';

interface LayerFigures {
  required: number;
  earned: number;
}

interface BaseProgress {
  layers: { shared: LayerFigures; core: LayerFigures; crossGroupExtension: LayerFigures; total: LayerFigures };
  earned: Array<{ courseId: number }>;
}

const sum = (items: Array<{ credits: number }>) => round1(items.reduce((total, item) => total + item.credits, 0));

/**
 * Adds to each layer the credits under way and what is still required (required − earned, never
 * below 0), and lists the courses under way and the programme's required courses not yet passed. A
 * course counts under a layer as its earned credits do (its own layer, cross-group extension
 * courses apart, and only courses of the programme when there is one).
 */
export async function withCoursesUnderWay<T extends BaseProgress>(
  db: Db,
  student: { id: number; groupId: number | null },
  programmeCourses: ProgrammeItem[] | null,
  base: T,
) {
  const passed = new Set(base.earned.map((entry) => entry.courseId));
  const graded = new Set(
    (await db.select({ sectionId: grades.sectionId }).from(grades).where(eq(grades.studentId, student.id))).map((row) => row.sectionId),
  );
  const places = (await myEnrolments(db, student.id)).filter(
    (place) => place.status === 'enrolled' && !passed.has(place.courseId) && !graded.has(place.sectionId),
  );
  const termCodes = new Map<number, string>();
  for (const termId of new Set(places.map((place) => place.termId))) termCodes.set(termId, (await termById(db, termId))?.code ?? '');
  const crossGroupOf = (course: { layer: string; ownerGroupId: number | null }) =>
    course.layer === 'extension' && course.ownerGroupId !== null && course.ownerGroupId !== student.groupId;
  const inProgress = places.map((place) => ({
    courseId: place.courseId,
    code: place.courseCode,
    name: place.courseName,
    nameEn: place.courseNameEn,
    credits: place.credits,
    layer: place.layer,
    crossGroup: crossGroupOf(place),
    termId: place.termId,
    termCode: termCodes.get(place.termId) ?? '',
    sectionCode: place.sectionCode,
  }));
  const inProgramme = new Set((programmeCourses ?? []).map((item) => item.courseId));
  const underWay = (layer: string) =>
    sum(
      inProgress.filter(
        (entry) => entry.layer === layer && !entry.crossGroup && (programmeCourses === null || inProgramme.has(entry.courseId)),
      ),
    );
  const figures = (layer: LayerFigures, inProgressCredits: number) => ({
    ...layer,
    inProgress: inProgressCredits,
    remaining: Math.max(0, round1(layer.required - layer.earned)),
  });
  const outstanding = (programmeCourses ?? [])
    .filter((item) => !item.isElective && !passed.has(item.courseId))
    .map((item) => ({
      courseId: item.courseId,
      code: item.code,
      name: item.name,
      nameEn: item.nameEn,
      credits: item.credits,
      layer: item.layer,
      crossGroup: crossGroupOf(item),
      termNo: item.termNo,
      inProgress: places.some((place) => place.courseId === item.courseId),
    }));
  return {
    ...base,
    layers: {
      shared: figures(base.layers.shared, underWay('shared')),
      core: figures(base.layers.core, underWay('core')),
      crossGroupExtension: figures(base.layers.crossGroupExtension, sum(inProgress.filter((entry) => entry.crossGroup))),
      total: figures(base.layers.total, sum(inProgress)),
    },
    inProgress,
    outstanding,
  };
}
