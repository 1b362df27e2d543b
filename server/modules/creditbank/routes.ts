import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { authorizeWithinInstitution, requireActor } from '../../platform/access.ts';
import { forbidden } from '../../platform/errors.ts';
import { contextOf, idParam, pageQuery, positiveId, httpUrl } from '../../platform/http.ts';
import { createCertificate, createCompetition, listCertificates, listCompetitions, setCertificateMappings } from './catalogue-service.ts';
import { addEvidence, checkClaim, getClaim, grantPreview, listClaims, reviewClaim, studentAccount, submitClaim } from './claim-service.ts';
import { dismissImportReview, getImportReview, listImportReviews, matchImportReview } from './import-review-service.ts';
import { courseCreditsConsumer } from './course-credits.ts';
import { verifyLedger } from './ledger.ts';
import { certificateLevels, competitionLevels, prizes } from './rules.ts';
import { getPathwaySettings, pathwayDistribution, savePathwaySettings, studentPathway } from './pathway-service.ts';
import { stageKeys } from './pathway.ts';
import {
  certificateMappingsSet,
  certificateRow,
  claim,
  claimCheck,
  claimQueue,
  creditbankSettingsAnswer,
  grantPreviewAnswer,
  ledgerCategories,
  competitionRow,
  courseCreditSync,
  creditAccount,
  importReview,
  importReviewQueue,
  ledgerVerification,
  listedCertificate,
  pathwayDistributionAnswer,
  pathwaySettings,
  ruleSetList,
  ruleSetVersion,
  studentPathwayAnswer,
} from './responses.ts';
import { getSettings, saveSettings } from './settings-service.ts';
import { approveRuleSet, createRuleDraft, listRuleSets, updateRuleDraft } from './rules-service.ts';

const isoDate = z.iso.date();
const halfCredits = z.number().min(0).max(20).multipleOf(0.5);
const levelTable = z.object(
  Object.fromEntries(certificateLevels.map((level) => [level, halfCredits])) as Record<
    (typeof certificateLevels)[number],
    typeof halfCredits
  >,
);
const prizeTable = z.object(
  Object.fromEntries(prizes.map((prize) => [prize, halfCredits])) as Record<(typeof prizes)[number], typeof halfCredits>,
);

const conversionRules = z.object({
  crossGroupCertificateCredits: levelTable,
  ownGroupCertificateCredits: levelTable,
  competitionCredits: z.object(
    Object.fromEntries(competitionLevels.map((level) => [level, prizeTable])) as Record<
      (typeof competitionLevels)[number],
      typeof prizeTable
    >,
  ),
  maxConvertedCreditsPerStudent: z.number().positive().max(80),
  maxConvertedShareOfProgramme: z.number().positive().max(1),
  allowExemption: z.boolean(),
});
const ruleSetBody = z.object({
  rules: conversionRules,
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

const evidence = z.object({ note: z.string().trim().max(1000).optional(), links: z.array(httpUrl(500)).max(10).optional() }).optional();
/** Files uploaded first to /api/attachments?purpose=creditbank.claim. */
const evidenceFileIds = z.array(z.string().uuid('附件编号格式不正确 / not a file id')).max(5).optional();
const claimBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('certificate'),
    studentId: positiveId.optional(),
    certificateId: positiveId,
    level: z.enum(certificateLevels),
    certificateNo: z.string().trim().min(1).max(60),
    issuedOn: isoDate.nullable().optional(),
    intendedUse: z.enum(['credit', 'exemption']).default('credit'),
    exemptCourseId: positiveId.nullable().optional(),
    evidence,
    evidenceFileIds,
  }),
  z.object({
    kind: z.literal('competition'),
    studentId: positiveId.optional(),
    competitionId: positiveId,
    prize: z.enum(prizes),
    issuedOn: isoDate.nullable().optional(),
    evidence,
    evidenceFileIds,
  }),
]);

const academicCriterion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secondary_done') }),
  z.object({
    kind: z.literal('credit_share'),
    share: z.number().gt(0).max(1),
    fallbackCredits: z.number().min(0).max(300).multipleOf(0.5),
  }),
  z.object({ kind: z.literal('graduated') }),
]);
const pathwayBody = z.object({
  stages: z
    .array(z.object({ key: z.enum(stageKeys), academic: academicCriterion, minCertificateLevel: z.enum(certificateLevels) }))
    .length(stageKeys.length),
  revision: z.number().int().min(0),
});

export async function creditbankRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['creditbank'];

  api.get(
    '/api/creditbank/certificates',
    {
      schema: {
        tags,
        summary: '证书目录 / certificate catalogue',
        querystring: z.object({ clusterId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(listedCertificate) },
      },
    },
    async (request) => listCertificates(app, contextOf(request), request.query.clusterId),
  );
  api.post(
    '/api/creditbank/certificates',
    {
      schema: {
        tags,
        summary: '新增证书 / add a certificate',
        body: z.object({
          clusterId: positiveId,
          code: z.string().trim().min(1).max(40),
          name: z.string().trim().min(1).max(100),
          nameEn: z.string().trim().max(200).nullable().optional(),
          kind: z.enum(['skill_level', 'qualification']),
          issuer: z.string().trim().min(1).max(100),
          occupation: z.string().trim().max(100).nullable().optional(),
          levels: z.array(z.enum(certificateLevels)).min(1).max(5),
          ownerGroupId: positiveId.nullable().optional(),
        }),
        response: { 201: certificateRow },
      },
    },
    async (request, reply) => reply.status(201).send(await createCertificate(app, contextOf(request), request.body)),
  );
  api.put(
    '/api/creditbank/certificates/:id/mappings',
    {
      schema: {
        tags,
        summary: '设置证书-课程映射 / set certificate–course mappings',
        params: idParam,
        body: z.object({
          mappings: z
            .array(z.object({ courseId: positiveId, minLevel: z.enum(certificateLevels) }))
            .max(50)
            .refine((list) => new Set(list.map((item) => item.courseId)).size === list.length, '课程重复 / a course is listed twice'),
        }),
        response: { 200: certificateMappingsSet },
      },
    },
    async (request) => setCertificateMappings(app, contextOf(request), request.params.id, request.body.mappings),
  );

  api.get(
    '/api/creditbank/competitions',
    {
      schema: { tags, summary: '技能大赛目录 / competitions', response: { 200: z.array(competitionRow) } },
    },
    async (request) => listCompetitions(app, contextOf(request)),
  );
  api.post(
    '/api/creditbank/competitions',
    {
      schema: {
        tags,
        summary: '新增技能大赛 / add a competition',
        body: z.object({
          clusterId: positiveId,
          code: z.string().trim().min(1).max(40),
          name: z.string().trim().min(1).max(120),
          level: z.enum(competitionLevels),
          organiser: z.string().trim().max(100).nullable().optional(),
          year: z.number().int().min(2000).max(2100),
          ownerGroupId: positiveId.nullable().optional(),
        }),
        response: { 201: competitionRow },
      },
    },
    async (request, reply) => reply.status(201).send(await createCompetition(app, contextOf(request), request.body)),
  );

  api.get(
    '/api/creditbank/clusters/:id/rules',
    {
      schema: { tags, summary: '学分置换规则各版本 / conversion rule versions', params: idParam, response: { 200: ruleSetList } },
    },
    async (request) => listRuleSets(app, contextOf(request), request.params.id),
  );
  api.post(
    '/api/creditbank/clusters/:id/rules',
    {
      schema: {
        tags,
        summary: '起草新版置换规则 / draft a rule version',
        params: idParam,
        body: ruleSetBody,
        response: { 201: ruleSetVersion },
      },
    },
    async (request, reply) => reply.status(201).send(await createRuleDraft(app, contextOf(request), request.params.id, request.body)),
  );
  api.put(
    '/api/creditbank/rules/:id',
    {
      schema: { tags, summary: '修改草稿 / edit a draft', params: idParam, body: ruleSetBody, response: { 200: ruleSetVersion } },
    },
    async (request) => updateRuleDraft(app, contextOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/creditbank/rules/:id/approve',
    {
      schema: { tags, summary: '审批规则版本 / approve a rule version', params: idParam, response: { 200: ruleSetVersion } },
    },
    async (request) => approveRuleSet(app, contextOf(request), request.params.id),
  );

  api.post(
    '/api/creditbank/claims',
    { schema: { tags, summary: '提交学分认定申请 / submit a claim', body: claimBody, response: { 201: claim } } },
    async (request, reply) => reply.status(201).send(await submitClaim(app, contextOf(request), request.body)),
  );
  api.get(
    '/api/creditbank/claims',
    {
      schema: {
        tags,
        summary: '审核队列 / review queue',
        querystring: z.object({
          status: z.enum(['submitted', 'verified', 'granted', 'rejected', 'reversed']).optional(),
          kind: z.enum(['certificate', 'competition', 'course_credit']).optional(),
          studentId: z.coerce.number().int().positive().optional(),
          ...pageQuery,
        }),
        response: { 200: claimQueue },
      },
    },
    async (request) => listClaims(app, contextOf(request), request.query),
  );
  api.get(
    '/api/creditbank/claims/check',
    {
      schema: {
        tags,
        summary: '提交前检查：是否已有同一成果 / would this claim be a duplicate?',
        querystring: z.object({
          studentId: z.coerce.number().int().positive().optional(),
          certificateId: z.coerce.number().int().positive(),
          level: z.enum(certificateLevels),
          certificateNo: z.string().trim().max(60).optional(),
        }),
        response: { 200: claimCheck },
      },
    },
    async (request) => checkClaim(app, contextOf(request), request.locale, request.query),
  );
  api.get(
    '/api/creditbank/claims/:id',
    { schema: { tags, summary: '申请详情 / a claim', params: idParam, response: { 200: claim } } },
    async (request) => getClaim(app, contextOf(request), request.params.id),
  );
  api.post(
    '/api/creditbank/claims/:id/evidence',
    {
      schema: {
        tags,
        summary: '补充证明材料 / add evidence files',
        params: idParam,
        body: z.object({ fileIds: z.array(z.string().uuid()).min(1).max(5) }),
        response: { 200: claim },
      },
    },
    async (request) => addEvidence(app, contextOf(request), request.params.id, request.body.fileIds),
  );
  api.get(
    '/api/creditbank/claims/:id/grant-preview',
    {
      schema: {
        tags,
        summary: '认定确认：认定后计入的学分与账本类别 / what granting this claim gives',
        params: idParam,
        response: { 200: grantPreviewAnswer },
      },
    },
    async (request) => grantPreview(app, contextOf(request), request.locale, request.params.id),
  );
  api.post(
    '/api/creditbank/claims/:id/:action',
    {
      schema: {
        tags,
        summary: '审核：核验、认定、退回、撤销 / verify, grant, reject, reverse',
        params: z.object({ id: idParam.shape.id, action: z.enum(['verify', 'grant', 'reject', 'reverse']) }),
        body: z
          .object({
            note: z.string().trim().max(500).nullable().optional(),
            /** For a grant: the credits and category the reviewer confirmed (the grant preview); refused with 409 if they changed. */
            expected: z.object({ credits: z.number().min(0).max(100), category: z.enum(ledgerCategories) }).optional(),
          })
          .nullish(),
        response: { 200: claim },
      },
    },
    async (request) =>
      reviewClaim(
        app,
        contextOf(request),
        request.params.id,
        request.params.action,
        request.body?.note ?? null,
        request.body?.expected ?? null,
      ),
  );

  api.get(
    '/api/creditbank/settings',
    { schema: { tags, summary: '学分银行审核设置 / review settings', response: { 200: creditbankSettingsAnswer } } },
    async (request) => getSettings(app, contextOf(request)),
  );
  api.put(
    '/api/creditbank/settings',
    {
      schema: {
        tags,
        summary: '修改学分银行审核设置 / change the review settings',
        body: z.object({ fourEyes: z.boolean(), revision: z.number().int().min(0) }),
        response: { 200: creditbankSettingsAnswer },
      },
    },
    async (request) => saveSettings(app, contextOf(request), request.body),
  );

  api.get(
    '/api/creditbank/import-reviews',
    {
      schema: {
        tags,
        summary: '证书成绩人工核对队列 / imported results to review',
        querystring: z.object({ status: z.enum(['open', 'matched', 'dismissed']).optional(), ...pageQuery }),
        response: { 200: importReviewQueue },
      },
    },
    async (request) => listImportReviews(app, contextOf(request), request.query),
  );
  api.get(
    '/api/creditbank/import-reviews/:id',
    {
      schema: { tags, summary: '待核对记录 / a row under review', params: idParam, response: { 200: importReview } },
    },
    async (request) => getImportReview(app, contextOf(request), request.params.id),
  );
  api.post(
    '/api/creditbank/import-reviews/:id/match',
    {
      schema: {
        tags,
        summary: '匹配到学生并登记 / match to a student and grant',
        params: idParam,
        body: z.object({ studentId: positiveId, note: z.string().trim().max(500).nullable().optional() }),
        response: { 200: importReview },
      },
    },
    async (request) => matchImportReview(app, contextOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/creditbank/import-reviews/:id/dismiss',
    {
      schema: {
        tags,
        summary: '驳回 / dismiss',
        params: idParam,
        body: z.object({ note: z.string().trim().min(2).max(500) }),
        response: { 200: importReview },
      },
    },
    async (request) => dismissImportReview(app, contextOf(request), request.params.id, request.body.note),
  );

  api.get(
    '/api/me/creditbank',
    {
      schema: { tags, summary: '我的学分银行账户 / my credit-bank account', response: { 200: creditAccount } },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      if (!actor.studentId) throw forbidden();
      return studentAccount(app, contextOf(request), actor.studentId);
    },
  );
  api.get(
    '/api/creditbank/students/:id/account',
    {
      schema: { tags, summary: "学生学分银行账户 / a student's account", params: idParam, response: { 200: creditAccount } },
    },
    async (request) => studentAccount(app, contextOf(request), request.params.id),
  );

  api.get(
    '/api/me/creditbank/pathway',
    {
      schema: { tags, summary: '我的学徒成长阶段 / my apprentice stage', response: { 200: studentPathwayAnswer } },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      if (!actor.studentId) throw forbidden();
      return studentPathway(app, contextOf(request), actor.studentId);
    },
  );
  api.get(
    '/api/creditbank/students/:id/pathway',
    {
      schema: {
        tags,
        summary: "学生的学徒成长阶段 / a student's apprentice stage",
        params: idParam,
        response: { 200: studentPathwayAnswer },
      },
    },
    async (request) => studentPathway(app, contextOf(request), request.params.id),
  );
  api.get(
    '/api/creditbank/clusters/:id/pathway',
    {
      schema: { tags, summary: '学徒成长路径设置 / pathway criteria', params: idParam, response: { 200: pathwaySettings } },
    },
    async (request) => getPathwaySettings(app, contextOf(request), request.params.id),
  );
  api.put(
    '/api/creditbank/clusters/:id/pathway',
    {
      schema: {
        tags,
        summary: '修改学徒成长路径设置 / save pathway criteria',
        params: idParam,
        body: pathwayBody,
        response: { 200: pathwaySettings },
      },
    },
    async (request) => savePathwaySettings(app, contextOf(request), request.params.id, request.body),
  );
  api.get(
    '/api/creditbank/clusters/:id/pathway/distribution',
    {
      schema: {
        tags,
        summary: '各专业学徒阶段分布 / students per stage and major',
        params: idParam,
        response: { 200: pathwayDistributionAnswer },
      },
    },
    async (request) => pathwayDistribution(app, contextOf(request), request.params.id),
  );

  api.get(
    '/api/creditbank/ledger/verify',
    {
      schema: { tags, summary: '账本哈希链校验 / verify the ledger chain', response: { 200: ledgerVerification } },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      if (!actor.institutionId) throw forbidden();
      authorizeWithinInstitution(actor, 'creditbank.ledger', actor.institutionId, await app.scopes.get());
      return verifyLedger(app.db, actor.institutionId);
    },
  );
  api.post(
    '/api/creditbank/sync',
    {
      schema: { tags, summary: '导入课程学分事件 / take in earned course credits now', response: { 200: courseCreditSync } },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      if (!actor.institutionId) throw forbidden();
      authorizeWithinInstitution(actor, 'creditbank.ledger', actor.institutionId, await app.scopes.get());
      // The consumer's job, run now (it shows in the job history like a scheduled run).
      const { finished } = await app.jobs.runNow(courseCreditsConsumer.name, actor.userId);
      const outcome = await finished;
      if (outcome.status === 'failed') throw new Error(outcome.error ?? 'course-credit sync failed');
      return { granted: Number(outcome.result?.granted ?? 0), reversed: Number(outcome.result?.reversed ?? 0) };
    },
  );
}
