/**
 * Conversion rules (学分置换规则), versioned per cluster: 教务 drafts a version (from the current one or
 * the seeds' defaults), edits it, and another 教务 approves it; the approved version valid on a date
 * is the one applied on that date.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { translateBoth } from '../../platform/messages.ts';
import { clusterById } from '../org/read.ts';
import { checkConversionRules, defaultConversionRules, ruleSetFor, type ConversionRules } from './rules.ts';
import type { RuleSetVersion } from './responses.ts';
import { conversionRuleSets } from './schema.ts';
import { institutionDate } from '../../platform/calendar.ts';
import './messages.ts';

type RuleSetRow = typeof conversionRuleSets.$inferSelect;

/** Stored rules over the defaults, so a version saved before a field existed still reads whole. */
const rulesOf = (row: RuleSetRow): ConversionRules => ({ ...defaultConversionRules, ...(row.rules as Partial<ConversionRules>) });
/** A version as the API answers it: its rules read whole (as above). */
const presentRuleSet = (row: RuleSetRow) => ({ ...row, rules: rulesOf(row) }) as RuleSetVersion;

export async function currentRuleSet(
  db: Db,
  clusterId: number,
  date: string,
): Promise<{ id: number; versionNo: number; rules: ConversionRules } | null> {
  const rows = await db
    .select()
    .from(conversionRuleSets)
    .where(and(eq(conversionRuleSets.clusterId, clusterId), eq(conversionRuleSets.status, 'approved')));
  const chosen = ruleSetFor(rows, date);
  return chosen ? { id: chosen.id, versionNo: chosen.versionNo, rules: rulesOf(chosen) } : null;
}

async function clusterOrThrow(db: Db, clusterId: number) {
  const cluster = await clusterById(db, clusterId);
  if (!cluster) throw notFound('cluster', clusterId);
  return cluster;
}

export async function listRuleSets(app: AppContext, request: RequestContext, clusterId: number) {
  const cluster = await clusterOrThrow(app.db, clusterId);
  authorize(request.actor, 'creditbank.read', { type: 'cluster', id: cluster.id }, await app.scopes.get());
  const rows = await app.db
    .select()
    .from(conversionRuleSets)
    .where(eq(conversionRuleSets.clusterId, clusterId))
    .orderBy(desc(conversionRuleSets.versionNo));
  const today = institutionDate();
  const current = ruleSetFor(rows, today);
  return { clusterId, currentId: current?.id ?? null, defaults: defaultConversionRules, versions: rows.map(presentRuleSet) };
}

function refuseInvalid(rules: ConversionRules) {
  const problems = checkConversionRules(rules);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw unprocessable(
      'RULES_INVALID',
      'creditbank.rules.invalid',
      { count: problems.length, first: translateBoth(first.messageKey, first.params) },
      { problems },
    );
  }
}

export interface RuleSetInput {
  rules: ConversionRules;
  validFrom: string;
  validTo?: string | null;
  note?: string | null;
}

export async function createRuleDraft(app: AppContext, request: RequestContext, clusterId: number, input: RuleSetInput) {
  const cluster = await clusterOrThrow(app.db, clusterId);
  const actor = authorize(request.actor, 'creditbank.rules', { type: 'cluster', id: cluster.id }, await app.scopes.get());
  refuseInvalid(input.rules);
  if (input.validTo && input.validTo < input.validFrom) throw unprocessable('BAD_VALIDITY', 'error.validation', {});
  const row = await app.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM clusters WHERE id = ${clusterId} FOR UPDATE`);
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${conversionRuleSets.versionNo}), 0)::int + 1` })
      .from(conversionRuleSets)
      .where(eq(conversionRuleSets.clusterId, clusterId))) as [{ next: number }];
    const [created] = await tx
      .insert(conversionRuleSets)
      .values({
        institutionId: cluster.institutionId,
        clusterId,
        versionNo: next,
        rules: input.rules,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        note: input.note ?? null,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'creditbank.rules.draft',
      entity: 'conversion_rules',
      entityId: created!.id,
      institutionId: cluster.institutionId,
      summary: `起草学分置换规则第 ${next} 版`,
      after: created,
    });
    return created!;
  });
  return presentRuleSet(row);
}

async function draftForChange(app: AppContext, request: RequestContext, ruleSetId: number) {
  const [row] = await app.db.select().from(conversionRuleSets).where(eq(conversionRuleSets.id, ruleSetId));
  if (!row) throw notFound('conversion_rules', ruleSetId);
  const actor = authorize(request.actor, 'creditbank.rules', { type: 'cluster', id: row.clusterId }, await app.scopes.get());
  if (row.status !== 'draft') throw new AppError(409, 'NOT_DRAFT', 'creditbank.rules.not_draft', { status: row.status });
  return { row, actor };
}

export async function updateRuleDraft(app: AppContext, request: RequestContext, ruleSetId: number, input: RuleSetInput) {
  const { row } = await draftForChange(app, request, ruleSetId);
  refuseInvalid(input.rules);
  return app.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(conversionRuleSets)
      .set({ rules: input.rules, validFrom: input.validFrom, validTo: input.validTo ?? null, note: input.note ?? null })
      .where(and(eq(conversionRuleSets.id, ruleSetId), eq(conversionRuleSets.status, 'draft')))
      .returning();
    if (!updated) throw new AppError(409, 'NOT_DRAFT', 'creditbank.rules.not_draft', { status: 'approved' });
    await recordAudit(tx, request, {
      action: 'creditbank.rules.update',
      entity: 'conversion_rules',
      entityId: ruleSetId,
      institutionId: row.institutionId,
      summary: `修改学分置换规则第 ${row.versionNo} 版`,
      before: row,
      after: updated,
    });
    return presentRuleSet(updated);
  });
}

/** Approval by someone other than the author; the rules are checked again. */
export async function approveRuleSet(app: AppContext, request: RequestContext, ruleSetId: number) {
  const { row, actor } = await draftForChange(app, request, ruleSetId);
  if (row.createdBy === actor.userId) throw new AppError(403, 'OWN_APPROVAL', 'creditbank.rules.own_approval');
  refuseInvalid(rulesOf(row));
  return app.db.transaction(async (tx) => {
    const [approved] = await tx
      .update(conversionRuleSets)
      .set({ status: 'approved', approvedBy: actor.userId, approvedAt: new Date() })
      .where(and(eq(conversionRuleSets.id, ruleSetId), eq(conversionRuleSets.status, 'draft')))
      .returning();
    if (!approved) throw new AppError(409, 'NOT_DRAFT', 'creditbank.rules.not_draft', { status: 'approved' });
    await recordAudit(tx, request, {
      action: 'creditbank.rules.approve',
      entity: 'conversion_rules',
      entityId: ruleSetId,
      institutionId: row.institutionId,
      summary: `审批学分置换规则第 ${row.versionNo} 版`,
      before: { status: 'draft' },
      after: { status: 'approved' },
    });
    return presentRuleSet(approved);
  });
}
