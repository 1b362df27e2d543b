/**
 * Credit-structure rules (学分结构规则), versioned per cluster: 教务 drafts a version (from the one in
 * force, by editing, or by restoring the seeds' defaults), submits it, and another 教务 approves it.
 * An approved version is in force from a cohort year until the next approved version starts. A
 * programme is checked against the version in force for its cohort while it is a draft, and keeps
 * the version it was submitted and approved under, so a new version never breaks published work.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize, authorizeInside } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { institutionDate } from '../../platform/calendar.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { translate, translateBoth, type Locale } from '../../platform/messages.ts';
import { users } from '../../platform/schema.ts';
import { clusterById } from '../org/read.ts';
import {
  checkCreditRules,
  creditRuleStatusLabels,
  lastCohortOf,
  mayApproveVersion,
  programmeRuleSource,
  versionInForce,
  withAuthor,
  type CreditRuleStatus,
} from './credit-rules.ts';
import { checkProgramme, defaultCreditRules, type CreditStructureRules, type ProgrammeInput } from './rules.ts';
import { creditRuleVersions, programmes } from './schema.ts';
import './credit-rules-messages.ts';

type VersionRow = typeof creditRuleVersions.$inferSelect;
type ProgrammeRow = typeof programmes.$inferSelect;

/** Stored rules over the defaults, so a version saved before a field existed still reads whole. */
const rulesOf = (row: Pick<VersionRow, 'rules'>): CreditStructureRules => ({
  ...defaultCreditRules,
  ...(row.rules as Partial<CreditStructureRules>),
});

/** This calendar year's cohort (入学年级), in the institution's time zone. */
export const currentCohort = () => Number(institutionDate().slice(0, 4));

/** Which rules a programme (or a cohort) is checked against, as the rule panel names it. */
export interface RuleVersionRef {
  /** null: the seeds' defaults, because no version had been approved for that cohort. */
  id: number | null;
  versionNo: number | null;
  effectiveFromCohort: number | null;
  /** The last cohort the version is in force for; null when open-ended. */
  lastCohort: number | null;
  /** The programme keeps this version (it was submitted or approved under it) instead of following the one in force. */
  pinned: boolean;
  /** For a pinned programme: the version now in force for its cohort, when that is another one. */
  inForceVersionNo: number | null;
}

const refOf = (row: VersionRow | null, all: VersionRow[], pinned: boolean): RuleVersionRef => ({
  id: row?.id ?? null,
  versionNo: row?.versionNo ?? null,
  effectiveFromCohort: row?.effectiveFromCohort ?? null,
  lastCohort: row ? lastCohortOf(all, row) : null,
  pinned,
  inForceVersionNo: null,
});

async function approvedVersions(db: Db, clusterId: number) {
  return db
    .select()
    .from(creditRuleVersions)
    .where(and(eq(creditRuleVersions.clusterId, clusterId), eq(creditRuleVersions.status, 'approved')));
}

/** The rules in force for a cohort of a cluster: the approved version in force, else the seeds' defaults. */
export async function rulesInForce(db: Db, clusterId: number, cohortYear: number) {
  const approved = await approvedVersions(db, clusterId);
  const row = versionInForce(approved, cohortYear);
  return { rules: row ? rulesOf(row) : defaultCreditRules, version: refOf(row, approved, false), row };
}

/** The rules a programme is checked against: a draft's cohort's version in force, else the version it was submitted under. */
export async function rulesOfProgramme(
  db: Db,
  programme: Pick<ProgrammeRow, 'clusterId' | 'cohortYear' | 'status' | 'creditRuleVersionId'>,
): Promise<{ rules: CreditStructureRules; version: RuleVersionRef }> {
  const source = programmeRuleSource({
    status: programme.status,
    cohortYear: programme.cohortYear,
    pinnedVersionId: programme.creditRuleVersionId,
  });
  if (source.kind === 'in_force') {
    const { rules, version } = await rulesInForce(db, programme.clusterId, source.cohortYear);
    return { rules, version };
  }
  const all = await db.select().from(creditRuleVersions).where(eq(creditRuleVersions.clusterId, programme.clusterId));
  const approved = all.filter((row) => row.status === 'approved');
  const now = versionInForce(approved, programme.cohortYear);
  const pinned = source.versionId === null ? null : (all.find((row) => row.id === source.versionId) ?? null);
  const ref = refOf(pinned, approved, true);
  if (pinned && pinned.status !== 'approved') ref.lastCohort = null;
  ref.inForceVersionNo = (now?.id ?? null) !== (pinned?.id ?? null) ? (now?.versionNo ?? null) : null;
  return { rules: pinned ? rulesOf(pinned) : defaultCreditRules, version: ref };
}

// ---------------------------------------------------------------------------------------------
// Programmes: which version a workflow step records

type ProgrammeAction = 'submit' | 'withdraw' | 'approve' | 'reject' | 'publish';

function brokenRules(check: ReturnType<typeof checkProgramme>, locale: Locale) {
  const broken = check.results.filter((result) => result.status !== 'ok');
  return {
    broken,
    details: broken.map((result) => ({
      rule: result.rule,
      status: result.status,
      message: translate(result.messageKey, locale, result.params),
    })),
  };
}

/**
 * The credit-rule version a programme's workflow step records (the patch to apply), after checking it:
 * submitting checks against the version in force for the cohort and records it; approving re-checks
 * when another version has come into force since and records that one; returning it to a draft lets
 * it follow the version in force again; publishing keeps what approval recorded.
 */
export async function pinCreditRules(
  tx: Db,
  before: ProgrammeRow,
  action: ProgrammeAction,
  input: () => Promise<ProgrammeInput>,
  locale: Locale,
): Promise<{ creditRuleVersionId?: number | null }> {
  if (action === 'withdraw' || action === 'reject') return { creditRuleVersionId: null };
  if (action === 'publish') return {};
  const inForce = await rulesInForce(tx, before.clusterId, before.cohortYear);
  const inForceId = inForce.version.id;
  if (action === 'approve' && inForceId === before.creditRuleVersionId) return {};
  const { broken, details } = brokenRules(checkProgramme(await input(), inForce.rules), locale);
  if (broken.length > 0) {
    const first = translate(broken[0]!.messageKey, locale, broken[0]!.params);
    if (action === 'submit') throw new AppError(422, 'RULES_BROKEN', 'programme.rules_broken', { count: broken.length, first }, details);
    throw new AppError(
      422,
      'RULES_CHANGED',
      'creditRules.changed_since_submit',
      { cohort: before.cohortYear, version: inForce.version.versionNo ?? 0, count: broken.length, first },
      details,
    );
  }
  return { creditRuleVersionId: inForceId };
}

// ---------------------------------------------------------------------------------------------
// The versions of a cluster

async function clusterOrThrow(db: Db, clusterId: number) {
  const cluster = await clusterById(db, clusterId);
  if (!cluster) throw notFound('cluster', clusterId);
  return cluster;
}

async function namesOf(db: Db, ids: Array<number | null>) {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map<number, string>();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function presentVersions(db: Db, rows: VersionRow[], actorId: number) {
  const names = await namesOf(
    db,
    rows.flatMap((row) => [row.createdBy, row.updatedBy, row.submittedBy, row.approvedBy]),
  );
  const approved = rows.filter((row) => row.status === 'approved');
  const ids = rows.map((row) => row.id);
  const pinnedCounts = new Map<number, number>();
  if (ids.length > 0) {
    const pinned = await db
      .select({ id: programmes.creditRuleVersionId })
      .from(programmes)
      .where(inArray(programmes.creditRuleVersionId, ids));
    for (const row of pinned) pinnedCounts.set(row.id!, (pinnedCounts.get(row.id!) ?? 0) + 1);
  }
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return rows.map((row) => ({
    id: row.id,
    clusterId: row.clusterId,
    versionNo: row.versionNo,
    status: row.status as CreditRuleStatus,
    statusLabel: creditRuleStatusLabels[row.status as CreditRuleStatus],
    rules: rulesOf(row),
    effectiveFromCohort: row.effectiveFromCohort,
    lastCohort: lastCohortOf(approved, row),
    origin: row.origin as 'edited' | 'defaults' | 'migrated' | 'seeded',
    note: row.note,
    revision: row.revision,
    createdByName: name(row.createdBy),
    createdAt: row.createdAt,
    updatedByName: name(row.updatedBy),
    updatedAt: row.updatedAt,
    submittedByName: name(row.submittedBy),
    submittedAt: row.submittedAt,
    approvedByName: name(row.approvedBy),
    approvedAt: row.approvedAt,
    reviewComment: row.reviewComment,
    supersededById: row.supersededById,
    /** Programmes that were submitted or approved under this version and keep it. */
    programmeCount: pinnedCounts.get(row.id) ?? 0,
    youAreAuthor: !mayApproveVersion(row, actorId),
  }));
}

async function allVersions(db: Db, clusterId: number) {
  return db
    .select()
    .from(creditRuleVersions)
    .where(eq(creditRuleVersions.clusterId, clusterId))
    .orderBy(desc(creditRuleVersions.versionNo));
}

/** Draft programmes that would be checked against a version starting at `from` once it is approved. */
async function followersOf(db: Db, clusterId: number, from: number, approved: VersionRow[]) {
  const next = approved.filter((row) => row.effectiveFromCohort > from).map((row) => row.effectiveFromCohort);
  const until = next.length === 0 ? Infinity : Math.min(...next);
  const drafts = await db
    .select({ cohortYear: programmes.cohortYear })
    .from(programmes)
    .where(and(eq(programmes.clusterId, clusterId), eq(programmes.status, 'draft')));
  return drafts.filter((row) => row.cohortYear >= from && row.cohortYear < until).length;
}

export async function listCreditRules(app: AppContext, request: RequestContext, clusterId: number, cohortYear?: number) {
  await clusterOrThrow(app.db, clusterId);
  const actor = authorizeInside(request.actor, 'programme.read', { type: 'cluster', id: clusterId }, await app.scopes.get());
  const cohort = cohortYear ?? currentCohort();
  const rows = await allVersions(app.db, clusterId);
  const approved = rows.filter((row) => row.status === 'approved');
  const inForce = versionInForce(approved, cohort);
  const open = rows.find((row) => row.status === 'draft' || row.status === 'pending') ?? null;
  return {
    clusterId,
    cohortYear: cohort,
    rules: inForce ? rulesOf(inForce) : defaultCreditRules,
    inForce: inForce ? refOf(inForce, approved, false) : null,
    defaults: defaultCreditRules,
    openVersionId: open?.id ?? null,
    /** Draft programmes the open version would govern once approved (submitted and approved ones keep theirs). */
    openFollowers: open ? await followersOf(app.db, clusterId, open.effectiveFromCohort, approved) : 0,
    versions: await presentVersions(app.db, rows, actor.userId),
  };
}

function refuseNonsense(rules: CreditStructureRules, effectiveFromCohort: number) {
  const problems = checkCreditRules(rules, effectiveFromCohort);
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw unprocessable(
    'RULES_INVALID',
    'creditRules.invalid',
    { count: problems.length, first: translateBoth(first.messageKey, first.params) },
    { problems: problems.map((problem) => ({ field: problem.field, message: translateBoth(problem.messageKey, problem.params) })) },
  );
}

export interface CreditRuleDraftInput {
  rules: CreditStructureRules;
  effectiveFromCohort: number;
  note?: string | null;
  /** The draft's revision the editor started from; a stale one is refused. */
  revision?: number;
}

/** A status inside a sentence (lower case in English). */
const statusWord = (row: VersionRow) => translateBoth(`creditRules.status.${row.status as CreditRuleStatus}`);

/** Saves the cluster's open draft (creating it as the next version when there is none). */
async function writeDraft(
  app: AppContext,
  request: RequestContext,
  clusterId: number,
  input: CreditRuleDraftInput,
  origin: 'edited' | 'defaults',
) {
  const cluster = await clusterOrThrow(app.db, clusterId);
  const actor = authorize(request.actor, 'course.rules', { type: 'cluster', id: clusterId }, await app.scopes.get());
  refuseNonsense(input.rules, input.effectiveFromCohort);
  const note = input.note?.trim() || null;
  const action = origin === 'defaults' ? 'course.credit_rules.restore_defaults' : 'course.credit_rules.update';
  const id = await app.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM clusters WHERE id = ${clusterId} FOR UPDATE`);
    const [open] = await tx
      .select()
      .from(creditRuleVersions)
      .where(and(eq(creditRuleVersions.clusterId, clusterId), inArray(creditRuleVersions.status, ['draft', 'pending'])));
    if (open?.status === 'pending') throw new AppError(409, 'PENDING', 'creditRules.pending_open', { version: open.versionNo });
    const now = new Date();
    if (open) {
      if (input.revision !== undefined && input.revision !== open.revision) throw new AppError(409, 'STALE', 'creditRules.stale');
      const [updated] = await tx
        .update(creditRuleVersions)
        .set({
          rules: input.rules,
          effectiveFromCohort: input.effectiveFromCohort,
          note,
          origin: origin === 'defaults' ? 'defaults' : open.origin === 'defaults' ? 'edited' : open.origin,
          revision: open.revision + 1,
          authors: withAuthor(open.authors, actor.userId),
          updatedBy: actor.userId,
          updatedAt: now,
          reviewComment: null,
        })
        .where(and(eq(creditRuleVersions.id, open.id), eq(creditRuleVersions.revision, open.revision)))
        .returning();
      if (!updated) throw new AppError(409, 'STALE', 'creditRules.stale');
      await recordAudit(tx, request, {
        action,
        entity: 'credit_rule_version',
        entityId: open.id,
        institutionId: cluster.institutionId,
        summary: `${origin === 'defaults' ? '恢复默认值到' : '修改'}学分结构规则草稿 v${open.versionNo}（${input.effectiveFromCohort} 级起）`,
        before: { rules: open.rules, effectiveFromCohort: open.effectiveFromCohort, note: open.note },
        after: { rules: updated.rules, effectiveFromCohort: updated.effectiveFromCohort, note: updated.note },
      });
      return open.id;
    }
    const [last] = await tx
      .select({ versionNo: creditRuleVersions.versionNo })
      .from(creditRuleVersions)
      .where(eq(creditRuleVersions.clusterId, clusterId))
      .orderBy(desc(creditRuleVersions.versionNo))
      .limit(1);
    const versionNo = (last?.versionNo ?? 0) + 1;
    const [created] = await tx
      .insert(creditRuleVersions)
      .values({
        institutionId: cluster.institutionId,
        clusterId,
        versionNo,
        rules: input.rules,
        effectiveFromCohort: input.effectiveFromCohort,
        origin,
        note,
        authors: [actor.userId],
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, request, {
      action: origin === 'defaults' ? 'course.credit_rules.restore_defaults' : 'course.credit_rules.draft',
      entity: 'credit_rule_version',
      entityId: created!.id,
      institutionId: cluster.institutionId,
      summary: `起草学分结构规则 v${versionNo}（${input.effectiveFromCohort} 级起${origin === 'defaults' ? '，恢复默认值' : ''}）`,
      after: { rules: created!.rules, effectiveFromCohort: created!.effectiveFromCohort, note: created!.note },
    });
    return created!.id;
  });
  return versionById(app, request, id);
}

export async function saveCreditRuleDraft(app: AppContext, request: RequestContext, clusterId: number, input: CreditRuleDraftInput) {
  return writeDraft(app, request, clusterId, input, 'edited');
}

/** A draft with the seeds' defaults (8 shared courses / 50 credits, 22, 16, …), from the cohort given or the draft's own. */
export async function restoreCreditRuleDefaults(
  app: AppContext,
  request: RequestContext,
  clusterId: number,
  input: { effectiveFromCohort?: number; note?: string | null; revision?: number },
) {
  const [open] = await app.db
    .select()
    .from(creditRuleVersions)
    .where(and(eq(creditRuleVersions.clusterId, clusterId), inArray(creditRuleVersions.status, ['draft', 'pending'])));
  return writeDraft(
    app,
    request,
    clusterId,
    {
      rules: { ...defaultCreditRules },
      effectiveFromCohort: input.effectiveFromCohort ?? open?.effectiveFromCohort ?? currentCohort(),
      note: input.note !== undefined ? input.note : (open?.note ?? null),
      revision: input.revision,
    },
    'defaults',
  );
}

async function versionById(app: AppContext, request: RequestContext, versionId: number) {
  const [row] = await app.db.select().from(creditRuleVersions).where(eq(creditRuleVersions.id, versionId));
  if (!row) throw notFound('credit_rule_version', versionId);
  const all = await allVersions(app.db, row.clusterId);
  const [presented] = (await presentVersions(app.db, all, request.actor!.userId)).filter((version) => version.id === versionId);
  return presented!;
}

export type CreditRuleAction = 'submit' | 'withdraw' | 'approve' | 'reject' | 'discard';
const steps: Record<CreditRuleAction, { from: CreditRuleStatus; to: CreditRuleStatus; zh: string }> = {
  submit: { from: 'draft', to: 'pending', zh: '提交审批' },
  withdraw: { from: 'pending', to: 'draft', zh: '撤回' },
  approve: { from: 'pending', to: 'approved', zh: '批准' },
  reject: { from: 'pending', to: 'draft', zh: '退回' },
  discard: { from: 'draft', to: 'discarded', zh: '放弃' },
};

/** draft → pending (submitted) → approved by someone who did not write it; pending → draft (withdrawn or returned); draft → discarded. */
export async function transitionCreditRuleVersion(
  app: AppContext,
  request: RequestContext,
  versionId: number,
  action: CreditRuleAction,
  input: { comment?: string | null; revision?: number },
) {
  const [row] = await app.db.select().from(creditRuleVersions).where(eq(creditRuleVersions.id, versionId));
  if (!row) throw notFound('credit_rule_version', versionId);
  const actor = authorize(request.actor, 'course.rules', { type: 'cluster', id: row.clusterId }, await app.scopes.get());
  const step = steps[action];
  const notice = await app.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM clusters WHERE id = ${row.clusterId} FOR UPDATE`);
    const [before] = await tx.select().from(creditRuleVersions).where(eq(creditRuleVersions.id, versionId));
    if (before!.status !== step.from) {
      throw new AppError(409, 'BAD_TRANSITION', 'creditRules.not_draft', {
        version: before!.versionNo,
        status: statusWord(before!),
        action: translateBoth(`creditRules.action.${action}`),
      });
    }
    if (input.revision !== undefined && input.revision !== before!.revision) throw new AppError(409, 'STALE', 'creditRules.stale');
    if (action === 'approve' && !mayApproveVersion(before!, actor.userId))
      throw new AppError(403, 'OWN_APPROVAL', 'creditRules.own_approval', { version: before!.versionNo });
    if (action === 'submit' || action === 'approve') refuseNonsense(rulesOf(before!), before!.effectiveFromCohort);
    const now = new Date();
    const patch: Partial<VersionRow> = { status: step.to, revision: before!.revision + 1, updatedAt: now };
    if (action === 'submit')
      Object.assign(patch, {
        submittedBy: actor.userId,
        submittedAt: now,
        authors: withAuthor(before!.authors, actor.userId),
        reviewComment: null,
      });
    if (action === 'withdraw' || action === 'reject')
      Object.assign(patch, { submittedBy: null, submittedAt: null, reviewComment: input.comment?.trim() || null });
    let superseded: VersionRow[] = [];
    if (action === 'approve') {
      // The version approved before for the same first cohort gives way (only one is in force per cohort).
      superseded = await tx
        .update(creditRuleVersions)
        .set({ status: 'superseded', supersededById: versionId, supersededAt: now })
        .where(
          and(
            eq(creditRuleVersions.clusterId, before!.clusterId),
            eq(creditRuleVersions.status, 'approved'),
            eq(creditRuleVersions.effectiveFromCohort, before!.effectiveFromCohort),
            ne(creditRuleVersions.id, versionId),
          ),
        )
        .returning();
      Object.assign(patch, { approvedBy: actor.userId, approvedAt: now, reviewComment: input.comment?.trim() || null });
    }
    await tx.update(creditRuleVersions).set(patch).where(eq(creditRuleVersions.id, versionId));
    await recordAudit(tx, request, {
      action: `course.credit_rules.${action}`,
      entity: 'credit_rule_version',
      entityId: versionId,
      institutionId: before!.institutionId,
      summary: `学分结构规则 v${before!.versionNo}（${before!.effectiveFromCohort} 级起）：${step.zh}${
        superseded.length > 0 ? `，取代 ${superseded.map((old) => `v${old.versionNo}`).join('、')}` : ''
      }${input.comment ? `（${input.comment}）` : ''}`,
      before: { status: before!.status },
      after: { status: step.to, supersedes: superseded.map((old) => old.id), comment: input.comment ?? null },
    });
    if (action !== 'submit') return null;
    // 教务 of the cluster hear of it; whoever wrote it cannot approve it (the message says so).
    return app.notifications.notify(
      {
        to: { role: 'academic_affairs', scope: { type: 'cluster', id: before!.clusterId } },
        kind: 'courses.credit_rules_submitted',
        payload: { version: before!.versionNo, cohort: before!.effectiveFromCohort, submitter: actor.displayName },
        dedupeKey: `courses.credit_rules_submitted:${versionId}:${before!.revision + 1}`,
        link: '/credit-rules',
        institutionId: before!.institutionId,
        createdBy: actor.userId,
      },
      tx,
    );
  });
  if (notice) app.notifications.afterCommit(notice);
  return versionById(app, request, versionId);
}
