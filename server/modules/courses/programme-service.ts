/** Training programmes (人才培养方案): composition from the pool, live rule check, workflow, copy, compare. */
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize, can, requireActor, type Actor } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, invalidReference, notFound, unprocessable } from '../../platform/errors.ts';
import { translate, type Locale } from '../../platform/messages.ts';
import { majorWithGroup } from '../org/read.ts';
import { pinCreditRules, rulesInForce, rulesOfProgramme } from './credit-rules-service.ts';
import { resolveClusterId, versionFields } from './pool-service.ts';
import {
  checkProgramme,
  diffVersions,
  type AssessmentType,
  type CourseLayer,
  type ModuleType,
  type ProgrammeCourseInput,
  type ProgrammeInput,
  type RuleCheck,
} from './rules.ts';
import { courses, courseVersions, programmeCourses, programmes } from './schema.ts';
import { defaultTexts, mergeTexts, textsOf, type ProgrammeTexts } from './programme-texts.ts';
import type { CopyReport } from './programme-copy.ts';
import './messages.ts';

export const programmeStatuses = ['draft', 'submitted', 'approved', 'published'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];
export const programmeStatusLabels: Record<ProgrammeStatus, { 'zh-CN': string; en: string }> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '已提交待审', en: 'Submitted' },
  approved: { 'zh-CN': '教务已审核', en: 'Approved' },
  published: { 'zh-CN': '已发布（锁定）', en: 'Published (locked)' },
};

export type ProgrammeAction = 'submit' | 'withdraw' | 'approve' | 'reject' | 'publish';
const transitions: Record<ProgrammeAction, { from: ProgrammeStatus; to: ProgrammeStatus; label: { 'zh-CN': string; en: string } }> = {
  submit: { from: 'draft', to: 'submitted', label: { 'zh-CN': '提交审核', en: 'submit' } },
  withdraw: { from: 'submitted', to: 'draft', label: { 'zh-CN': '撤回', en: 'withdraw' } },
  approve: { from: 'submitted', to: 'approved', label: { 'zh-CN': '审核通过', en: 'approve' } },
  reject: { from: 'submitted', to: 'draft', label: { 'zh-CN': '退回修改', en: 'return for changes' } },
  publish: { from: 'approved', to: 'published', label: { 'zh-CN': '发布', en: 'publish' } },
};

export type ProgrammeRow = typeof programmes.$inferSelect;

export interface ProgrammeItem {
  id: number;
  courseId: number;
  courseVersionId: number;
  versionNo: number;
  latestVersionNo: number;
  code: string;
  name: string;
  nameEn: string | null;
  termNo: number;
  isElective: boolean;
  credits: number;
  theoryHours: number;
  practiceHours: number;
  assessment: AssessmentType;
  layer: CourseLayer;
  moduleType: ModuleType;
  ownerGroupId: number | null;
  prerequisiteCodes: string[];
  certificateCodes: string[];
}

const majorScope = (programme: { majorId: number }) => ({ type: 'major' as const, id: programme.majorId });

async function loadProgramme(db: Db, programmeId: number): Promise<ProgrammeRow> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!row) throw notFound('programme', programmeId);
  return row;
}

export async function programmeItems(db: Db, programmeId: number): Promise<ProgrammeItem[]> {
  const rows = await db
    .select({ item: programmeCourses, version: courseVersions, course: courses })
    .from(programmeCourses)
    .innerJoin(courseVersions, eq(courseVersions.id, programmeCourses.courseVersionId))
    .innerJoin(courses, eq(courses.id, programmeCourses.courseId))
    .where(eq(programmeCourses.programmeId, programmeId))
    .orderBy(asc(programmeCourses.termNo), asc(courses.code));
  return rows.map(({ item, version, course }) => ({
    id: item.id,
    courseId: course.id,
    courseVersionId: version.id,
    versionNo: version.versionNo,
    latestVersionNo: course.currentVersionNo,
    code: course.code,
    name: version.name,
    nameEn: version.nameEn,
    termNo: item.termNo,
    isElective: item.isElective,
    credits: version.credits,
    theoryHours: version.theoryHours,
    practiceHours: version.practiceHours,
    assessment: version.assessment as AssessmentType,
    layer: version.layer as CourseLayer,
    moduleType: version.moduleType as ModuleType,
    ownerGroupId: version.ownerGroupId,
    prerequisiteCodes: version.prerequisiteCodes,
    certificateCodes: version.certificateCodes,
  }));
}

export function ruleInput(
  programme: Pick<ProgrammeRow, 'groupId' | 'graduationCredits' | 'electiveCreditsRequired'>,
  items: ProgrammeItem[],
): ProgrammeInput {
  return {
    groupId: programme.groupId,
    graduationCredits: programme.graduationCredits,
    electiveCreditsRequired: programme.electiveCreditsRequired,
    courses: items.map((item): ProgrammeCourseInput => ({
      courseId: item.courseId,
      code: item.code,
      name: item.name,
      termNo: item.termNo,
      isElective: item.isElective,
      credits: item.credits,
      theoryHours: item.theoryHours,
      practiceHours: item.practiceHours,
      layer: item.layer,
      moduleType: item.moduleType,
      ownerGroupId: item.ownerGroupId,
      prerequisiteCodes: item.prerequisiteCodes,
    })),
  };
}

export function localiseCheck(check: RuleCheck, locale: Locale) {
  return {
    passed: check.passed,
    metrics: check.metrics,
    results: check.results.map((result) => ({ ...result, message: translate(result.messageKey, locale, result.params) })),
  };
}

function presentProgramme(row: ProgrammeRow) {
  // The document's texts and a copy's report belong to one programme's page (getProgramme), not to lists.
  const { texts, copyReport, ...rest } = row;
  const status = row.status as ProgrammeStatus;
  return { ...rest, status, statusLabel: programmeStatusLabels[status] };
}

export interface ProgrammeFilter {
  clusterId?: number;
  groupId?: number;
  majorId?: number;
  cohortYear?: number;
  status?: ProgrammeStatus;
}

export async function listProgrammes(app: AppContext, request: RequestContext, filter: ProgrammeFilter) {
  const actor = requireActor(request.actor);
  const clusterId = await resolveClusterId(app, request, filter.clusterId);
  const tree = await app.scopes.get();
  const conditions: SQL[] = [eq(programmes.clusterId, clusterId)];
  if (filter.groupId) conditions.push(eq(programmes.groupId, filter.groupId));
  if (filter.majorId) conditions.push(eq(programmes.majorId, filter.majorId));
  if (filter.cohortYear) conditions.push(eq(programmes.cohortYear, filter.cohortYear));
  if (filter.status) conditions.push(eq(programmes.status, filter.status));
  const rows = await app.db
    .select()
    .from(programmes)
    .where(and(...conditions))
    .orderBy(asc(programmes.cohortYear), asc(programmes.majorId));
  const visible = rows.filter((row) => can(actor, 'programme.read', majorScope(row), tree));
  if (rows.length > 0 && visible.length === 0) authorize(actor, 'programme.read', majorScope(rows[0]!), tree);
  if (rows.length === 0) authorize(actor, 'programme.read', { type: 'cluster', id: clusterId }, tree);
  const totals = new Map<number, { credits: number; courses: number }>();
  if (visible.length > 0) {
    const items = await app.db
      .select({ programmeId: programmeCourses.programmeId, credits: courseVersions.credits, isElective: programmeCourses.isElective })
      .from(programmeCourses)
      .innerJoin(courseVersions, eq(courseVersions.id, programmeCourses.courseVersionId))
      .where(
        inArray(
          programmeCourses.programmeId,
          visible.map((row) => row.id),
        ),
      );
    for (const item of items) {
      const total = totals.get(item.programmeId) ?? { credits: 0, courses: 0 };
      if (!item.isElective) total.credits += item.credits;
      total.courses += 1;
      totals.set(item.programmeId, total);
    }
  }
  const majorNames = new Map<number, { code: string; name: string }>();
  for (const majorId of new Set(visible.map((row) => row.majorId))) {
    const major = await majorWithGroup(app.db, majorId);
    if (major) majorNames.set(majorId, { code: major.code, name: major.name });
  }
  return visible.map((row) => ({
    ...presentProgramme(row),
    majorCode: majorNames.get(row.majorId)?.code ?? '',
    majorName: majorNames.get(row.majorId)?.name ?? '',
    courseCount: totals.get(row.id)?.courses ?? 0,
    requiredCredits: Math.round((totals.get(row.id)?.credits ?? 0) * 10) / 10,
  }));
}

export async function getProgramme(app: AppContext, request: RequestContext, programmeId: number, locale: Locale) {
  const programme = await loadProgramme(app.db, programmeId);
  authorize(request.actor, 'programme.read', majorScope(programme), await app.scopes.get());
  const items = await programmeItems(app.db, programmeId);
  const { rules, version: ruleVersion } = await rulesOfProgramme(app.db, programme);
  const major = await majorWithGroup(app.db, programme.majorId);
  return {
    ...presentProgramme(programme),
    major: major ? { id: major.id, code: major.code, name: major.name, groupId: major.groupId, groupName: major.groupName } : null,
    texts: textsOf(programme.texts),
    copyReport: (programme.copyReport as CopyReport | null) ?? null,
    items,
    rules,
    ruleVersion,
    check: localiseCheck(checkProgramme(ruleInput(programme, items), rules), locale),
  };
}

export async function createProgramme(
  app: AppContext,
  request: RequestContext,
  input: { majorId: number; cohortYear: number; name?: string; graduationCredits: number; electiveCreditsRequired?: number },
) {
  const major = await majorWithGroup(app.db, input.majorId);
  if (!major) throw notFound('major', input.majorId);
  if (!major.groupId || !major.clusterId) throw unprocessable('NO_GROUP', 'programme.no_major_group');
  authorize(request.actor, 'programme.edit', { type: 'major', id: major.id }, await app.scopes.get());
  const { rules } = await rulesInForce(app.db, major.clusterId, input.cohortYear);
  return app.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(and(eq(programmes.majorId, major.id), eq(programmes.cohortYear, input.cohortYear)));
    if (existing) throw new AppError(409, 'DUPLICATE', 'programme.exists', { major: major.name, cohort: input.cohortYear });
    const [row] = await tx
      .insert(programmes)
      .values({
        institutionId: major.institutionId,
        clusterId: major.clusterId!,
        majorId: major.id,
        groupId: major.groupId!,
        cohortYear: input.cohortYear,
        name: input.name ?? `${major.name}专业${input.cohortYear}级人才培养方案`,
        graduationCredits: input.graduationCredits,
        electiveCreditsRequired: input.electiveCreditsRequired ?? rules.crossGroupExtensionCredits,
        texts: defaultTexts(rules.termCount),
        createdBy: request.actor!.userId,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'programme.create',
      entity: 'programme',
      entityId: row!.id,
      institutionId: major.institutionId,
      summary: `新建培养方案 ${row!.name}`,
      after: row,
    });
    return presentProgramme(row!);
  });
}

function requireEditable(programme: ProgrammeRow) {
  if (programme.status !== 'draft') {
    throw new AppError(409, 'PROGRAMME_LOCKED', 'programme.locked', { status: programmeStatusLabels[programme.status as ProgrammeStatus] });
  }
}

function requireRevision(programme: ProgrammeRow, revision: number | undefined) {
  if (revision !== undefined && revision !== programme.revision) throw new AppError(409, 'STALE', 'programme.stale');
}

export interface ProgrammeCourseChoice {
  courseId: number;
  termNo: number;
  isElective?: boolean;
  /** A specific version; default: the version already in the programme, else the course's current one. */
  versionNo?: number;
}

/** Resolves the builder's choices to published course versions of the programme's cluster. */
async function resolveChoices(
  db: Db,
  programme: Pick<ProgrammeRow, 'clusterId'>,
  choices: ProgrammeCourseChoice[],
  keep: Map<number, number>,
) {
  const ids = [...new Set(choices.map((choice) => choice.courseId))];
  if (ids.length !== choices.length) {
    const seen = new Set<number>();
    const repeated = choices.find((choice) => (seen.has(choice.courseId) ? true : (seen.add(choice.courseId), false)))!;
    const [course] = await db.select({ code: courses.code }).from(courses).where(eq(courses.id, repeated.courseId));
    throw new AppError(409, 'DUPLICATE_COURSE', 'programme.course_duplicate', { code: course?.code ?? String(repeated.courseId) });
  }
  if (ids.length === 0) return [];
  const courseRows = await db.select().from(courses).where(inArray(courses.id, ids));
  const versions = await db.select().from(courseVersions).where(inArray(courseVersions.courseId, ids));
  return choices.map((choice) => {
    const course = courseRows.find((row) => row.id === choice.courseId);
    if (!course || course.clusterId !== programme.clusterId) throw invalidReference('course', 'courseId');
    const versionNo = choice.versionNo ?? keep.get(course.id) ?? course.currentVersionNo;
    const version = versions.find((row) => row.courseId === course.id && row.versionNo === versionNo);
    if (!version) throw new AppError(404, 'VERSION_NOT_FOUND', 'course.version_not_found', { version: versionNo });
    if (course.status !== 'published') throw unprocessable('COURSE_NOT_PUBLISHED', 'course.not_published', { code: course.code });
    return { course, version, termNo: choice.termNo, isElective: choice.isElective ?? false };
  });
}

/** Live check of an unsaved composition (the builder's rule panel); writes nothing. */
export async function checkComposition(
  app: AppContext,
  request: RequestContext,
  programmeId: number,
  input: { courses: ProgrammeCourseChoice[]; graduationCredits?: number; electiveCreditsRequired?: number },
  locale: Locale,
) {
  const programme = await loadProgramme(app.db, programmeId);
  authorize(request.actor, 'programme.read', majorScope(programme), await app.scopes.get());
  const existing = await programmeItems(app.db, programmeId);
  const resolved = await resolveChoices(app.db, programme, input.courses, new Map(existing.map((item) => [item.courseId, item.versionNo])));
  const items = resolved.map(({ course, version, termNo, isElective }) => itemOf(course, version, termNo, isElective));
  const { rules } = await rulesOfProgramme(app.db, programme);
  const check = checkProgramme(
    ruleInput(
      {
        groupId: programme.groupId,
        graduationCredits: input.graduationCredits ?? programme.graduationCredits,
        electiveCreditsRequired: input.electiveCreditsRequired ?? programme.electiveCreditsRequired,
      },
      items,
    ),
    rules,
  );
  return localiseCheck(check, locale);
}

export function itemOf(
  course: typeof courses.$inferSelect,
  version: typeof courseVersions.$inferSelect,
  termNo: number,
  isElective: boolean,
): ProgrammeItem {
  return {
    id: 0,
    courseId: course.id,
    courseVersionId: version.id,
    versionNo: version.versionNo,
    latestVersionNo: course.currentVersionNo,
    code: course.code,
    name: version.name,
    nameEn: version.nameEn,
    termNo,
    isElective,
    credits: version.credits,
    theoryHours: version.theoryHours,
    practiceHours: version.practiceHours,
    assessment: version.assessment as AssessmentType,
    layer: version.layer as CourseLayer,
    moduleType: version.moduleType as ModuleType,
    ownerGroupId: version.ownerGroupId,
    prerequisiteCodes: version.prerequisiteCodes,
    certificateCodes: version.certificateCodes,
  };
}

/** Saves the builder's whole composition and settings in one step (a draft only). */
export async function saveProgramme(
  app: AppContext,
  request: RequestContext,
  programmeId: number,
  input: {
    revision?: number;
    name?: string;
    graduationCredits?: number;
    electiveCreditsRequired?: number;
    courses?: ProgrammeCourseChoice[];
    texts?: Partial<ProgrammeTexts>;
  },
  locale: Locale,
) {
  const programme = await loadProgramme(app.db, programmeId);
  authorize(request.actor, 'programme.edit', majorScope(programme), await app.scopes.get());
  await app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(programmes).where(eq(programmes.id, programmeId)).for('update');
    requireEditable(before!);
    requireRevision(before!, input.revision);
    const beforeItems = await programmeItems(tx, programmeId);
    if (input.courses) {
      const resolved = await resolveChoices(
        tx,
        before!,
        input.courses,
        new Map(beforeItems.map((item) => [item.courseId, item.versionNo])),
      );
      await tx.delete(programmeCourses).where(eq(programmeCourses.programmeId, programmeId));
      if (resolved.length > 0) {
        await tx.insert(programmeCourses).values(
          resolved.map(({ course, version, termNo, isElective }) => ({
            institutionId: before!.institutionId,
            programmeId,
            courseId: course.id,
            courseVersionId: version.id,
            termNo,
            isElective,
          })),
        );
      }
    }
    const [after] = await tx
      .update(programmes)
      .set({
        name: input.name ?? before!.name,
        graduationCredits: input.graduationCredits ?? before!.graduationCredits,
        electiveCreditsRequired: input.electiveCreditsRequired ?? before!.electiveCreditsRequired,
        texts: input.texts ? mergeTexts(before!.texts, input.texts) : before!.texts,
        revision: before!.revision + 1,
        updatedAt: new Date(),
      })
      .where(eq(programmes.id, programmeId))
      .returning();
    const afterItems = input.courses ? await programmeItems(tx, programmeId) : beforeItems;
    await recordAudit(tx, request, {
      action: 'programme.update',
      entity: 'programme',
      entityId: programmeId,
      institutionId: before!.institutionId,
      summary: `修改培养方案 ${after!.name}`,
      before: { ...before, courses: beforeItems.map((item) => [item.code, item.versionNo, item.termNo, item.isElective]) },
      after: { ...after, courses: afterItems.map((item) => [item.code, item.versionNo, item.termNo, item.isElective]) },
    });
  });
  return getProgramme(app, request, programmeId, locale);
}

function authorizeTransition(
  actor: Actor | null,
  action: ProgrammeAction,
  programme: ProgrammeRow,
  tree: Awaited<ReturnType<AppContext['scopes']['get']>>,
) {
  const needed = action === 'approve' || action === 'reject' || action === 'publish' ? 'programme.approve' : 'programme.edit';
  return authorize(actor, needed, majorScope(programme), tree);
}

/** draft → submitted (rules must pass) → approved by 教务 (not by the submitter) → published (locked). */
export async function transitionProgramme(
  app: AppContext,
  request: RequestContext,
  programmeId: number,
  action: ProgrammeAction,
  input: { comment?: string; revision?: number },
  locale: Locale,
) {
  const programme = await loadProgramme(app.db, programmeId);
  const actor = authorizeTransition(request.actor, action, programme, await app.scopes.get());
  const transition = transitions[action];
  const notice = await app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(programmes).where(eq(programmes.id, programmeId)).for('update');
    requireRevision(before!, input.revision);
    if (before!.status !== transition.from) {
      throw new AppError(409, 'BAD_TRANSITION', 'programme.bad_transition', {
        from: programmeStatusLabels[before!.status as ProgrammeStatus],
        action: transition.label,
      });
    }
    if ((action === 'approve' || action === 'publish') && before!.submittedBy === actor.userId) {
      throw new AppError(403, 'SELF_APPROVAL', 'programme.self_approval');
    }
    // The credit-rule version checked and kept from submission on (credit-rules-service.ts).
    const pin = await pinCreditRules(tx, before!, action, async () => ruleInput(before!, await programmeItems(tx, programmeId)), locale);
    const now = new Date();
    const patch: Partial<ProgrammeRow> = { status: transition.to, revision: before!.revision + 1, updatedAt: now, ...pin };
    if (action === 'submit') Object.assign(patch, { submittedBy: actor.userId, submittedAt: now, reviewComment: null });
    if (action === 'approve' || action === 'reject')
      Object.assign(patch, { reviewedBy: actor.userId, reviewedAt: now, reviewComment: input.comment ?? null });
    if (action === 'publish') Object.assign(patch, { publishedBy: actor.userId, publishedAt: now });
    const [after] = await tx.update(programmes).set(patch).where(eq(programmes.id, programmeId)).returning();
    await recordAudit(tx, request, {
      action: `programme.${action}`,
      entity: 'programme',
      entityId: programmeId,
      institutionId: before!.institutionId,
      summary: `培养方案 ${before!.name}：${programmeStatusLabels[before!.status as ProgrammeStatus]['zh-CN']} → ${programmeStatusLabels[transition.to]['zh-CN']}${input.comment ? `（${input.comment}）` : ''}`,
      before: { status: before!.status },
      after: { status: after!.status, comment: input.comment ?? null },
    });
    return notifyTransition(app, tx, action, before!, after!, actor, input.comment ?? null);
  });
  if (notice) app.notifications.afterCommit(notice);
  return getProgramme(app, request, programmeId, locale);
}

/** A submitted programme goes to 教务 of its major for review; a returned one back to whoever submitted it. */
async function notifyTransition(
  app: AppContext,
  tx: Db,
  action: ProgrammeAction,
  before: ProgrammeRow,
  after: ProgrammeRow,
  actor: Actor,
  comment: string | null,
) {
  const common = { institutionId: before.institutionId, link: `/programmes/${before.id}`, createdBy: actor.userId };
  if (action === 'submit') {
    return app.notifications.notify(
      {
        ...common,
        to: { role: 'academic_affairs', scope: majorScope(before) },
        kind: 'courses.programme_submitted',
        payload: { programme: before.name, submitter: actor.displayName },
        dedupeKey: `courses.programme_submitted:${before.id}:${after.revision}`,
      },
      tx,
    );
  }
  if (action === 'reject' && before.submittedBy) {
    return app.notifications.notify(
      {
        ...common,
        to: { users: [before.submittedBy] },
        kind: 'courses.programme_returned',
        payload: { programme: before.name, reviewer: actor.displayName, comment: comment ?? '—' },
        dedupeKey: `courses.programme_returned:${before.id}:${after.revision}`,
      },
      tx,
    );
  }
  return null;
}

/**
 * Deletes a draft: its author may, and 教务 (who approve programmes) may delete any draft they oversee.
 * Submitted, approved and published programmes are kept; the whole row and its courses go to the audit log.
 */
export async function deleteProgramme(app: AppContext, request: RequestContext, programmeId: number, input: { revision?: number }) {
  const actor = requireActor(request.actor);
  const programme = await loadProgramme(app.db, programmeId);
  const tree = await app.scopes.get();
  if (!can(actor, 'programme.approve', majorScope(programme), tree)) {
    authorize(actor, 'programme.edit', majorScope(programme), tree);
    if (programme.createdBy !== actor.userId) throw new AppError(403, 'NOT_AUTHOR', 'builder.delete_not_author');
  }
  await app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(programmes).where(eq(programmes.id, programmeId)).for('update');
    if (!before) throw notFound('programme', programmeId);
    requireRevision(before, input.revision);
    if (before.status !== 'draft') {
      throw new AppError(409, 'PROGRAMME_NOT_DRAFT', 'builder.delete_not_draft', {
        status: programmeStatusLabels[before.status as ProgrammeStatus],
      });
    }
    const items = await programmeItems(tx, programmeId);
    await tx.delete(programmeCourses).where(eq(programmeCourses.programmeId, programmeId));
    await tx.update(programmes).set({ copiedFromId: null }).where(eq(programmes.copiedFromId, programmeId));
    await tx.delete(programmes).where(eq(programmes.id, programmeId));
    await recordAudit(tx, request, {
      action: 'programme.delete',
      entity: 'programme',
      entityId: programmeId,
      institutionId: before.institutionId,
      summary: `删除培养方案草稿 ${before.name}`,
      before: { ...before, courses: items.map((item) => [item.code, item.versionNo, item.termNo, item.isElective]) },
    });
  });
  return { id: programmeId, deleted: true as const };
}

export interface ComparisonRow {
  code: string;
  name: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  left: ProgrammeItem | null;
  right: ProgrammeItem | null;
  /** The names of the fields that differ (kept for older clients; `changes` has the values). */
  differences: string[];
  /** Each differing field with A's value and B's value. */
  changes: { field: string; from: ComparedValue; to: ComparedValue }[];
}

export type ComparedValue = string | number | boolean | string[] | null;

/** Side-by-side comparison of two programmes (two majors, or the same major in two years). */
export async function compareProgrammes(app: AppContext, request: RequestContext, leftId: number, rightId: number, locale: Locale) {
  const [left, right] = await Promise.all([getProgramme(app, request, leftId, locale), getProgramme(app, request, rightId, locale)]);
  const versions = new Map<number, typeof courseVersions.$inferSelect>();
  const versionIds = [...left.items, ...right.items].map((item) => item.courseVersionId);
  if (versionIds.length > 0)
    for (const row of await app.db.select().from(courseVersions).where(inArray(courseVersions.id, versionIds))) versions.set(row.id, row);
  const codes = [...new Set([...left.items, ...right.items].map((item) => item.code))].sort();
  const rows: ComparisonRow[] = codes.map((code) => {
    const a = left.items.find((item) => item.code === code) ?? null;
    const b = right.items.find((item) => item.code === code) ?? null;
    const changes: ComparisonRow['changes'] = [];
    if (a && b) {
      if (a.termNo !== b.termNo) changes.push({ field: 'termNo', from: a.termNo, to: b.termNo });
      if (a.isElective !== b.isElective) changes.push({ field: 'isElective', from: a.isElective, to: b.isElective });
      if (a.versionNo !== b.versionNo) {
        changes.push({ field: 'versionNo', from: a.versionNo, to: b.versionNo });
        for (const change of diffVersions(versionFields(versions.get(a.courseVersionId)!), versionFields(versions.get(b.courseVersionId)!)))
          changes.push({ field: change.field, from: change.from as ComparedValue, to: change.to as ComparedValue });
      }
    }
    const differences = changes.map((change) => change.field);
    return {
      code,
      name: (b ?? a)!.name,
      change: !a ? 'added' : !b ? 'removed' : differences.length > 0 ? 'changed' : 'same',
      left: a,
      right: b,
      differences,
      changes,
    };
  });
  const summarise = (side: typeof left) => ({
    id: side.id,
    name: side.name,
    cohortYear: side.cohortYear,
    status: side.status,
    major: side.major,
    metrics: side.check.metrics,
    passed: side.check.passed,
    /** The rules the programme fails, each with its reason in the request's language. */
    failures: side.check.results
      .filter((result) => result.status !== 'ok')
      .map((result) => ({ rule: result.rule, status: result.status, message: result.message })),
  });
  return {
    left: summarise(left),
    right: summarise(right),
    rows,
    counts: {
      added: rows.filter((row) => row.change === 'added').length,
      removed: rows.filter((row) => row.change === 'removed').length,
      changed: rows.filter((row) => row.change === 'changed').length,
      same: rows.filter((row) => row.change === 'same').length,
    },
  };
}

/** The published programme of a major and cohort (what selection and progress read). */
export async function publishedProgrammeOf(db: Db, majorId: number, cohortYear: number) {
  const [row] = await db
    .select()
    .from(programmes)
    .where(and(eq(programmes.majorId, majorId), eq(programmes.cohortYear, cohortYear), eq(programmes.status, 'published')));
  return row ?? null;
}
