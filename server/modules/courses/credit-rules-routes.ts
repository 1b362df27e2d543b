/** HTTP routes of the versioned credit-structure rules (学分结构规则版本); logic in credit-rules-service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { bilingual, contextOf, idParam, isoTime } from '../../platform/http.ts';
import { cohortBounds, creditRuleOrigins, creditRuleStatuses } from './credit-rules.ts';
import { listCreditRules, restoreCreditRuleDefaults, saveCreditRuleDraft, transitionCreditRuleVersion } from './credit-rules-service.ts';
import { creditStructureRules, ruleVersionRef } from './responses.ts';

/** Any finite number: the sanity checks (credit-rules.ts) say what is wrong with a figure, in words. */
const figure = z.number().min(-100_000).max(100_000);
const creditRulesBody = z.object({
  sharedCourseCount: figure,
  sharedCredits: figure,
  coreCredits: figure,
  crossGroupExtensionCredits: figure,
  practiceShareMin: figure,
  totalCreditsMin: figure,
  totalCreditsMax: figure,
  termCreditsMax: figure,
  termCount: figure,
});
const cohort = z.number().int().min(cohortBounds.min).max(cohortBounds.max);
const note = z.string().trim().max(500).nullable().optional();
const revision = z.number().int().min(1).optional();

const optionalTime = isoTime.nullable();
const creditRuleVersion = z.object({
  id: z.number(),
  clusterId: z.number(),
  versionNo: z.number(),
  status: z.enum(creditRuleStatuses),
  statusLabel: bilingual,
  rules: creditStructureRules,
  effectiveFromCohort: z.number(),
  lastCohort: z.number().nullable(),
  origin: z.enum(creditRuleOrigins),
  note: z.string().nullable(),
  revision: z.number(),
  createdByName: z.string().nullable(),
  createdAt: isoTime,
  updatedByName: z.string().nullable(),
  updatedAt: isoTime,
  submittedByName: z.string().nullable(),
  submittedAt: optionalTime,
  approvedByName: z.string().nullable(),
  approvedAt: optionalTime,
  reviewComment: z.string().nullable(),
  supersededById: z.number().nullable(),
  programmeCount: z.number(),
  youAreAuthor: z.boolean(),
});
const clusterCreditRules = z.object({
  clusterId: z.number(),
  cohortYear: z.number(),
  rules: creditStructureRules,
  inForce: ruleVersionRef.nullable(),
  defaults: creditStructureRules,
  openVersionId: z.number().nullable(),
  openFollowers: z.number(),
  versions: z.array(creditRuleVersion),
});

export async function creditRuleRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['courses'];

  api.get(
    '/api/clusters/:id/credit-rules',
    {
      schema: {
        tags,
        summary: '学分结构规则：现行版本与历史 / credit-structure rules: the version in force and the history',
        params: idParam,
        querystring: z.object({ cohortYear: z.coerce.number().int().min(cohortBounds.min).max(cohortBounds.max).optional() }),
        response: { 200: clusterCreditRules },
      },
    },
    async (request) => listCreditRules(app, contextOf(request), request.params.id, request.query.cohortYear),
  );

  api.put(
    '/api/clusters/:id/credit-rules',
    {
      schema: {
        tags,
        summary: '保存学分结构规则草稿（须另一位教务审批后生效）/ save the draft of the next rule version',
        params: idParam,
        body: z.object({ rules: creditRulesBody, effectiveFromCohort: cohort, note, revision }),
        response: { 200: creditRuleVersion },
      },
    },
    async (request) => saveCreditRuleDraft(app, contextOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/clusters/:id/credit-rules/restore-defaults',
    {
      schema: {
        tags,
        summary: '恢复默认值（种子文件的 8 门 / 50 / 22 / 16 学分）为草稿 / a draft with the default rules',
        params: idParam,
        body: z.object({ effectiveFromCohort: cohort.optional(), note, revision }),
        response: { 200: creditRuleVersion },
      },
    },
    async (request) => restoreCreditRuleDefaults(app, contextOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/credit-rule-versions/:id/transitions',
    {
      schema: {
        tags,
        summary: '提交审批/撤回/批准/退回/放弃 / submit, withdraw, approve, return, discard a rule version',
        params: idParam,
        body: z.object({
          action: z.enum(['submit', 'withdraw', 'approve', 'reject', 'discard']),
          comment: z.string().trim().max(1000).optional(),
          revision,
        }),
        response: { 200: creditRuleVersion },
      },
    },
    async (request) => transitionCreditRuleVersion(app, contextOf(request), request.params.id, request.body.action, request.body),
  );
}
