/**
 * Copying a programme (e.g. last year's) to a new cohort, never silently: the plan lists every course
 * that cannot be carried over as it was — a retired course (with replacements from the pool), a course
 * with a newer version (its changes, old → new) — and the credits before and after; the person copying
 * decides per course, and the decisions are kept on the copy (`programmes.copy_report`).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import type { Locale } from '../../platform/messages.ts';
import { round1 } from '../../platform/numbers.ts';
import { majorWithGroup } from '../org/read.ts';
import { creditRulesOf, versionFields, type CourseFieldValue } from './pool-service.ts';
import { getProgramme, itemOf, localiseCheck, programmeItems, ruleInput, type ProgrammeItem } from './programme-service.ts';
import { checkProgramme, diffVersions, type CourseLayer, type ModuleType } from './rules.ts';
import { courses, courseVersions, programmeCourses, programmes } from './schema.ts';
import './messages.ts';

/** What to do with a course that cannot be copied as it was. */
export const copyUses = ['current', 'source', 'replace', 'drop'] as const;
export type CopyUse = (typeof copyUses)[number];
const useLabels: Record<CopyUse, { 'zh-CN': string; en: string }> = {
  current: { 'zh-CN': '用当前版本', en: 'use the current version' },
  source: { 'zh-CN': '保留原版本', en: 'keep the old version' },
  replace: { 'zh-CN': '换成其他课程', en: 'replace it' },
  drop: { 'zh-CN': '不复制', en: 'leave it out' },
};
/** retired: the course is no longer in the pool (retired or back in draft); new_version: it has a newer version. */
export type CopyIssueKind = 'retired' | 'new_version';

export interface CopyDecision {
  courseId: number;
  use: CopyUse;
  replacementId?: number;
}

export interface CopyInput {
  cohortYear: number;
  majorId?: number;
  decisions?: CopyDecision[];
}

export interface ReplacementCandidate {
  courseId: number;
  code: string;
  name: string;
  nameEn: string | null;
  credits: number;
  layer: CourseLayer;
  moduleType: ModuleType;
  ownerGroupId: number | null;
}

export interface CopyIssue {
  courseId: number;
  code: string;
  name: string;
  nameEn: string | null;
  termNo: number;
  isElective: boolean;
  kind: CopyIssueKind;
  /** The version the source programme uses, and the course's current one (new_version). */
  fromVersion: number;
  toVersion: number | null;
  credits: number;
  toCredits: number | null;
  /** new_version: each changed field, old → new. */
  changes: { field: string; from: CourseFieldValue; to: CourseFieldValue }[];
  /** The choices that fit the issue, the first being what happens when nothing is chosen. */
  uses: CopyUse[];
  /** retired: published courses of the same layer, closest first. */
  replacements: ReplacementCandidate[];
  /** retired: the candidate proposed (same layer, same owner, same module), or null. */
  suggestedReplacementId: number | null;
  /** What the plan does with it (the decision given, else the first of `uses`). */
  use: CopyUse;
  replacementId: number | null;
}

/** Kept on the copy and shown in its builder. */
export interface CopyReport {
  sourceId: number;
  sourceName: string;
  sourceCohortYear: number;
  creditsBefore: number;
  creditsAfter: number;
  entries: {
    code: string;
    name: string;
    kind: CopyIssueKind;
    use: CopyUse;
    fromVersion: number;
    toVersion: number | null;
    credits: number;
    toCredits: number | null;
    replacement: { code: string; name: string; credits: number } | null;
    changes: CopyIssue['changes'];
  }[];
}

type CourseRow = typeof courses.$inferSelect;
type VersionRow = typeof courseVersions.$inferSelect;

const majorScope = (programme: { majorId: number }) => ({ type: 'major' as const, id: programme.majorId });

async function loadSource(db: Db, programmeId: number) {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!row) throw notFound('programme', programmeId);
  return row;
}

/** The published pool of a cluster on its current versions. */
async function currentPool(db: Db, clusterId: number) {
  return db
    .select({ course: courses, version: courseVersions })
    .from(courses)
    .innerJoin(courseVersions, and(eq(courseVersions.courseId, courses.id), eq(courseVersions.versionNo, courses.currentVersionNo)))
    .where(eq(courses.clusterId, clusterId));
}

function candidatesFor(item: ProgrammeItem, pool: { course: CourseRow; version: VersionRow }[], taken: Set<number>) {
  const rank = (entry: { version: VersionRow }) =>
    (entry.version.ownerGroupId === item.ownerGroupId ? 0 : 2) + (entry.version.moduleType === item.moduleType ? 0 : 1);
  return pool
    .filter((entry) => entry.course.status === 'published' && !taken.has(entry.course.id) && entry.version.layer === item.layer)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        Math.abs(a.version.credits - item.credits) - Math.abs(b.version.credits - item.credits) ||
        a.course.code.localeCompare(b.course.code),
    )
    .slice(0, 6)
    .map(({ course, version }): ReplacementCandidate => ({
      courseId: course.id,
      code: course.code,
      name: version.name,
      nameEn: version.nameEn,
      credits: version.credits,
      layer: version.layer as CourseLayer,
      moduleType: version.moduleType as ModuleType,
      ownerGroupId: version.ownerGroupId,
    }));
}

/**
 * Works out the copy without writing: the courses carried over as they are, each issue with the decision
 * taken (given, else the default), the resulting composition and its rule check.
 */
async function planCopy(app: AppContext, request: RequestContext, sourceId: number, input: CopyInput, locale: Locale) {
  const source = await loadSource(app.db, sourceId);
  const tree = await app.scopes.get();
  authorize(request.actor, 'programme.read', majorScope(source), tree);
  const majorId = input.majorId ?? source.majorId;
  const major = await majorWithGroup(app.db, majorId);
  if (!major) throw notFound('major', majorId);
  if (!major.groupId || major.clusterId !== source.clusterId) throw unprocessable('NO_GROUP', 'programme.no_major_group');
  const actor = authorize(request.actor, 'programme.edit', { type: 'major', id: majorId }, tree);

  const items = await programmeItems(app.db, sourceId);
  const pool = await currentPool(app.db, source.clusterId);
  const versionIds = items.map((item) => item.courseVersionId);
  const sourceVersions =
    versionIds.length > 0 ? await app.db.select().from(courseVersions).where(inArray(courseVersions.id, versionIds)) : [];
  const poolOf = new Map(pool.map((entry) => [entry.course.id, entry]));
  const inSource = new Set(items.map((item) => item.courseId));

  const decisions = new Map<number, CopyDecision>();
  for (const decision of input.decisions ?? []) {
    if (decisions.has(decision.courseId) || !inSource.has(decision.courseId))
      throw unprocessable('BAD_DECISION', 'builder.copy_decision_unknown', { course: String(decision.courseId) });
    decisions.set(decision.courseId, decision);
  }

  const issues: CopyIssue[] = [];
  const chosen: { course: CourseRow; version: VersionRow; termNo: number; isElective: boolean }[] = [];
  const taken = new Set(inSource);
  for (const item of items) {
    const entry = poolOf.get(item.courseId)!;
    const retired = entry.course.status !== 'published';
    const newer = !retired && entry.course.currentVersionNo !== item.versionNo;
    if (!retired && !newer) {
      if (decisions.has(item.courseId)) throw unprocessable('BAD_DECISION', 'builder.copy_decision_unknown', { course: item.code });
      chosen.push({ course: entry.course, version: entry.version, termNo: item.termNo, isElective: item.isElective });
      continue;
    }
    const uses: CopyUse[] = retired ? ['drop', 'replace'] : ['current', 'source'];
    const decision = decisions.get(item.courseId);
    if (decision && !uses.includes(decision.use))
      throw unprocessable('BAD_DECISION', 'builder.copy_decision_invalid', { course: item.code, use: useLabels[decision.use] });
    const use = decision?.use ?? uses[0]!;
    const replacements = retired ? candidatesFor(item, pool, taken) : [];
    const first = replacements[0];
    const suggested =
      first && first.ownerGroupId === item.ownerGroupId && first.moduleType === item.moduleType && first.layer === item.layer
        ? first.courseId
        : null;
    let replacementId: number | null = null;
    if (use === 'replace') {
      const replacement = decision?.replacementId ? poolOf.get(decision.replacementId) : undefined;
      if (!replacement || replacement.course.status !== 'published' || taken.has(replacement.course.id))
        throw unprocessable('BAD_REPLACEMENT', 'builder.copy_replacement_invalid', { course: item.code });
      taken.add(replacement.course.id);
      replacementId = replacement.course.id;
      chosen.push({ course: replacement.course, version: replacement.version, termNo: item.termNo, isElective: item.isElective });
    } else if (use === 'current') {
      chosen.push({ course: entry.course, version: entry.version, termNo: item.termNo, isElective: item.isElective });
    } else if (use === 'source') {
      const kept = sourceVersions.find((version) => version.id === item.courseVersionId)!;
      chosen.push({ course: entry.course, version: kept, termNo: item.termNo, isElective: item.isElective });
    }
    const fromVersion = sourceVersions.find((version) => version.id === item.courseVersionId)!;
    issues.push({
      courseId: item.courseId,
      code: item.code,
      name: item.name,
      nameEn: item.nameEn,
      termNo: item.termNo,
      isElective: item.isElective,
      kind: retired ? 'retired' : 'new_version',
      fromVersion: item.versionNo,
      toVersion: retired ? null : entry.course.currentVersionNo,
      credits: item.credits,
      toCredits: retired ? null : entry.version.credits,
      changes: retired
        ? []
        : diffVersions(versionFields(fromVersion), versionFields(entry.version)).map((change) => ({
            field: change.field,
            from: change.from as CourseFieldValue,
            to: change.to as CourseFieldValue,
          })),
      uses,
      replacements,
      suggestedReplacementId: suggested,
      use,
      replacementId,
    });
  }

  // The copy is checked against the rules in force for its cohort (the source's figures only give the credits before).
  const sourceCheck = checkProgramme(ruleInput(source, items), await creditRulesOf(app.db, source.clusterId, source.cohortYear));
  const copyItems = chosen.map(({ course, version, termNo, isElective }) => itemOf(course, version, termNo, isElective));
  const copyRules = await creditRulesOf(app.db, source.clusterId, input.cohortYear);
  const copyCheck = localiseCheck(checkProgramme(ruleInput({ ...source, groupId: major.groupId }, copyItems), copyRules), locale);
  const [existing] = await app.db
    .select({ id: programmes.id })
    .from(programmes)
    .where(and(eq(programmes.majorId, majorId), eq(programmes.cohortYear, input.cohortYear)));
  return {
    actor,
    source,
    major,
    chosen,
    issues,
    preview: {
      sourceId: source.id,
      sourceName: source.name,
      name: `${major.name}专业${input.cohortYear}级人才培养方案`,
      majorId,
      cohortYear: input.cohortYear,
      /** A programme of that major and cohort exists already: the copy would be refused. */
      exists: Boolean(existing),
      carried: items.length - issues.length,
      creditsBefore: round1(sourceCheck.metrics.totalCredits),
      creditsAfter: round1(copyCheck.metrics.totalCredits),
      passed: copyCheck.passed,
      failures: copyCheck.results
        .filter((result) => result.status !== 'ok')
        .map((result) => ({ rule: result.rule, status: result.status, message: result.message })),
      issues,
    },
  };
}

/** What copying would do, with the decisions given so far; writes nothing. */
export async function previewCopy(app: AppContext, request: RequestContext, sourceId: number, input: CopyInput, locale: Locale) {
  return (await planCopy(app, request, sourceId, input, locale)).preview;
}

/** Copies into a new draft for another cohort, on the decisions given (defaults for the rest), and keeps the report. */
export async function copyProgramme(app: AppContext, request: RequestContext, sourceId: number, input: CopyInput, locale: Locale) {
  const plan = await planCopy(app, request, sourceId, input, locale);
  const { source, major, chosen, issues, preview } = plan;
  const poolNames = new Map(chosen.map((entry) => [entry.course.id, entry]));
  const report: CopyReport = {
    sourceId: source.id,
    sourceName: source.name,
    sourceCohortYear: source.cohortYear,
    creditsBefore: preview.creditsBefore,
    creditsAfter: preview.creditsAfter,
    entries: issues.map((issue) => {
      const replacement = issue.replacementId ? poolNames.get(issue.replacementId) : undefined;
      return {
        code: issue.code,
        name: issue.name,
        kind: issue.kind,
        use: issue.use,
        fromVersion: issue.fromVersion,
        toVersion: issue.toVersion,
        credits: issue.credits,
        toCredits: issue.toCredits,
        replacement: replacement
          ? { code: replacement.course.code, name: replacement.version.name, credits: replacement.version.credits }
          : null,
        changes: issue.changes,
      };
    }),
  };
  const newId = await app.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(and(eq(programmes.majorId, major.id), eq(programmes.cohortYear, input.cohortYear)));
    if (existing) throw new AppError(409, 'DUPLICATE', 'programme.exists', { major: major.name, cohort: input.cohortYear });
    const [row] = await tx
      .insert(programmes)
      .values({
        institutionId: source.institutionId,
        clusterId: source.clusterId,
        majorId: major.id,
        groupId: major.groupId!,
        cohortYear: input.cohortYear,
        name: preview.name,
        graduationCredits: source.graduationCredits,
        electiveCreditsRequired: source.electiveCreditsRequired,
        texts: source.texts,
        copiedFromId: source.id,
        copyReport: report,
        createdBy: plan.actor.userId,
      })
      .returning();
    if (chosen.length > 0) {
      await tx.insert(programmeCourses).values(
        chosen.map(({ course, version, termNo, isElective }) => ({
          institutionId: source.institutionId,
          programmeId: row!.id,
          courseId: course.id,
          courseVersionId: version.id,
          termNo,
          isElective,
        })),
      );
    }
    await recordAudit(tx, request, {
      action: 'programme.copy',
      entity: 'programme',
      entityId: row!.id,
      institutionId: source.institutionId,
      summary: `由方案 ${source.name} 复制为 ${row!.name}（总学分 ${report.creditsBefore} → ${report.creditsAfter}，${report.entries.length} 门课程按决定处理）`,
      after: { ...row, copiedCourses: chosen.length },
    });
    return row!.id;
  });
  return getProgramme(app, request, newId, locale);
}
