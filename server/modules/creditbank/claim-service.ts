/**
 * Claims (学分认定申请): every learning outcome is submitted with evidence, verified, granted into the
 * ledger or rejected, and a grant can be reversed. One outcome is one claim (its identity key), the
 * ledger holds one grant and at most one reversal per claim, and nobody reviews their own claim.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import {
  authorize,
  authorizeStudentRecord,
  authorizeWithinInstitution,
  can,
  holdsAnywhere,
  requireActor,
  type Actor,
} from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, forbidden, invalidReference, notFound } from '../../platform/errors.ts';
import { majorIdsOfInstitution, studentIdsOfMajorsQuery, studentProfile, studentProfiles, type StudentProfile } from '../org/read.ts';
import { coursesByIds, graduationCreditsOf, hasPassedCourse } from '../courses/read.ts';
import { priorGrantsOf } from './bulk-grant.ts';
import { appendToLedger, balancesOf, entriesOf } from './ledger.ts';
import {
  certificateLevelLabels,
  certificateLevels,
  checkTransition,
  claimHoldingLevel,
  claimStatusWords,
  conversionCap,
  convertedCredits,
  convertOutcome,
  defaultConversionRules,
  levelRank,
  outcomeIdentity,
  ledgerCategoryLabels,
  placeHoldingStatuses,
  type CertificateLevel,
  type ClaimAction,
  type ClaimStatus,
  type ConversionInput,
  type IntendedUse,
  type LedgerCategory,
  type OutcomeKind,
  type PriorGrant,
  type Prize,
  type TransitionCheck,
} from './rules.ts';
import { currentRuleSet } from './rules-service.ts';
import { certificateCourseMappings, certificates, competitions, ledgerEntries, learningOutcomes } from './schema.ts';
import { institutionDate } from '../../platform/calendar.ts';
import { countAll } from '../../db/sql.ts';
import type { AttachmentInfo } from '../../platform/attachments/service.ts';
import { translate, type Locale } from '../../platform/messages.ts';
import { settingsOf } from './settings-service.ts';
import { claimEvidenceType } from './evidence.ts';
import type { LedgerEntryRow, OutcomeRow as OutcomeAnswer } from './responses.ts';

type OutcomeRow = typeof learningOutcomes.$inferSelect;

type ClaimBase = { studentId?: number; issuedOn?: string | null; evidence?: ClaimEvidence; evidenceFileIds?: string[] };
export type ClaimInput =
  | (ClaimBase & {
      kind: 'certificate';
      certificateId: number;
      level: CertificateLevel;
      certificateNo: string;
      intendedUse: IntendedUse;
      exemptCourseId?: number | null;
    })
  | (ClaimBase & { kind: 'competition'; competitionId: number; prize: Prize });

export interface ClaimEvidence {
  note?: string;
  links?: string[];
}

/** Who acts for whom: a student for themselves; staff holding creditbank.submit on the student's major. */
async function claimant(app: AppContext, actor: Actor, studentId: number | undefined): Promise<StudentProfile> {
  // Neither a student nor staff who submit for students: nothing to ask about.
  if (!actor.studentId && !holdsAnywhere(actor, 'creditbank.submit')) throw forbidden();
  const targetId = studentId ?? actor.studentId;
  if (!targetId) throw new AppError(422, 'STUDENT_REQUIRED', 'error.invalid_reference', { entity: 'student' }, { field: 'studentId' });
  if (actor.studentId && actor.studentId !== targetId) throw new AppError(403, 'NOT_OWN_STUDENT', 'creditbank.claim.not_own_student');
  const student = await studentProfile(app.db, targetId);
  if (!student) throw invalidReference('student', 'studentId');
  if (!actor.studentId) authorize(actor, 'creditbank.submit', { type: 'major', id: student.majorId }, await app.scopes.get());
  return student;
}

export async function submitClaim(app: AppContext, request: RequestContext, input: ClaimInput) {
  const actor = requireActor(request.actor);
  const student = await claimant(app, actor, input.studentId);
  const values = await outcomeValues(app.db, student, input);
  const id = await app.db.transaction(async (tx) => {
    // One certificate at one level (rules.ts): refused as the same outcome, whatever its number.
    const holding = input.kind === 'certificate' ? await levelHeldBy(tx, student.id, input.certificateId, input.level) : null;
    if (holding) throw sameLevelRefusal(holding);
    const existing = await tx
      .select({ id: learningOutcomes.id, status: learningOutcomes.status })
      .from(learningOutcomes)
      .where(
        and(
          eq(learningOutcomes.institutionId, student.institutionId),
          eq(learningOutcomes.identityKey, values.identityKey),
          sql`${learningOutcomes.status} <> 'rejected'`,
        ),
      );
    if (existing.length > 0)
      throw new AppError(
        409,
        'OUTCOME_DUPLICATE',
        'creditbank.claim.duplicate',
        { identity: values.identityLabel },
        { claimId: existing[0]!.id },
      );
    const [row] = await tx
      .insert(learningOutcomes)
      .values({
        ...values.row,
        institutionId: student.institutionId,
        studentId: student.id,
        source: actor.studentId ? 'student' : 'staff',
        submittedBy: actor.userId,
        evidence: input.evidence ?? {},
      })
      .onConflictDoNothing()
      .returning();
    // A concurrent submission of the same outcome (or of the same certificate and level) won the race: same answer as above.
    if (!row) {
      const raced = input.kind === 'certificate' ? await levelHeldBy(tx, student.id, input.certificateId, input.level) : null;
      throw raced
        ? sameLevelRefusal(raced)
        : new AppError(409, 'OUTCOME_DUPLICATE', 'creditbank.claim.duplicate', { identity: values.identityLabel });
    }
    await app.attachments.link(tx, actor, input.evidenceFileIds ?? [], claimEvidenceType, row.id);
    await recordAudit(tx, request, {
      action: 'creditbank.claim.submit',
      entity: 'learning_outcome',
      entityId: row.id,
      institutionId: student.institutionId,
      summary: `${student.studentNo} 提交学分认定申请：${values.identityLabel}`,
      after: row,
    });
    return row.id;
  });
  return getClaim(app, request, id);
}

interface HeldLevel {
  id: number;
  status: ClaimStatus;
  certificateNo: string | null;
  certificateName: string;
  level: CertificateLevel;
}

/** The student's claim or recorded result that holds a certificate at a level (one certificate at one level, rules.ts). */
async function levelHeldBy(db: Db, studentId: number, certificateId: number, level: CertificateLevel): Promise<HeldLevel | null> {
  const rows = await db
    .select({
      id: learningOutcomes.id,
      kind: learningOutcomes.kind,
      certificateId: learningOutcomes.certificateId,
      level: learningOutcomes.level,
      status: learningOutcomes.status,
      certificateNo: learningOutcomes.certificateNo,
      certificateName: certificates.name,
    })
    .from(learningOutcomes)
    .innerJoin(certificates, eq(certificates.id, learningOutcomes.certificateId))
    .where(
      and(
        eq(learningOutcomes.studentId, studentId),
        eq(learningOutcomes.certificateId, certificateId),
        eq(learningOutcomes.level, level),
        inArray(learningOutcomes.status, [...placeHoldingStatuses]),
      ),
    )
    .orderBy(asc(learningOutcomes.id));
  const held = claimHoldingLevel(rows, certificateId, level);
  return held ? { ...held, status: held.status as ClaimStatus, level } : null;
}

const sameLevelRefusal = (held: HeldLevel) =>
  new AppError(
    409,
    'OUTCOME_DUPLICATE',
    'creditbank.claim.same_level',
    {
      certificate: held.certificateName,
      level: certificateLevelLabels[held.level],
      certificateNo: held.certificateNo ?? '—',
      status: claimStatusWords[held.status],
    },
    { claimId: held.id, reason: 'same_certificate_level' },
  );

export interface ClaimCheckInput {
  studentId?: number;
  certificateId: number;
  level: CertificateLevel;
  certificateNo?: string;
}

/**
 * What the claim form asks as the student picks a certificate and level (and types its number): would
 * this claim be refused as an outcome already on record? The answer carries the refusal's own words.
 */
export async function checkClaim(app: AppContext, request: RequestContext, locale: Locale, input: ClaimCheckInput) {
  const actor = requireActor(request.actor);
  const student = await claimant(app, actor, input.studentId);
  const [certificate] = await app.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, input.certificateId), eq(certificates.institutionId, student.institutionId)));
  if (!certificate || certificate.status !== 'active') throw invalidReference('certificate', 'certificateId');
  const held = await levelHeldBy(app.db, student.id, certificate.id, input.level);
  let refusal: AppError | null = held ? sameLevelRefusal(held) : null;
  if (!refusal && input.certificateNo?.trim()) {
    const identityKey = outcomeIdentity({ kind: 'certificate', certificateId: certificate.id, certificateNo: input.certificateNo });
    const [taken] = await app.db
      .select({ id: learningOutcomes.id, studentId: learningOutcomes.studentId })
      .from(learningOutcomes)
      .where(
        and(
          eq(learningOutcomes.institutionId, student.institutionId),
          eq(learningOutcomes.identityKey, identityKey),
          sql`${learningOutcomes.status} <> 'rejected'`,
        ),
      );
    if (taken)
      refusal = new AppError(
        409,
        'OUTCOME_DUPLICATE',
        'creditbank.claim.duplicate',
        { identity: `${certificate.name} ${input.certificateNo.trim()}` },
        // Another student's claim is not named to this one.
        { claimId: taken.studentId === student.id ? taken.id : null, reason: 'same_number' },
      );
  }
  if (!refusal) return { duplicate: false, reason: null, claimId: null, message: null };
  const localized = refusal.localized(locale);
  const details = refusal.details as { claimId: number | null; reason: 'same_certificate_level' | 'same_number' };
  return { duplicate: true, reason: details.reason, claimId: details.claimId, message: localized.message };
}

async function outcomeValues(db: Db, student: StudentProfile, input: ClaimInput) {
  if (input.kind === 'certificate') {
    const [certificate] = await db
      .select()
      .from(certificates)
      .where(and(eq(certificates.id, input.certificateId), eq(certificates.institutionId, student.institutionId)));
    if (!certificate || certificate.status !== 'active') throw invalidReference('certificate', 'certificateId');
    if (!certificate.levels.includes(input.level))
      throw new AppError(
        422,
        'LEVEL_NOT_OFFERED',
        'creditbank.claim.level_not_offered',
        { name: certificate.name, level: input.level },
        { field: 'level' },
      );
    if (input.intendedUse === 'exemption') {
      // The course must be one of the student's own institution (another college's course id is refused like an unknown one).
      const [course] = input.exemptCourseId ? await coursesByIds(db, [input.exemptCourseId]) : [];
      if (!course || course.institutionId !== student.institutionId) throw invalidReference('course', 'exemptCourseId');
    }
    const identityKey = outcomeIdentity({ kind: 'certificate', certificateId: certificate.id, certificateNo: input.certificateNo });
    return {
      identityKey,
      identityLabel: `${certificate.name} ${input.certificateNo}`,
      row: {
        kind: 'certificate',
        identityKey,
        certificateId: certificate.id,
        level: input.level,
        certificateNo: input.certificateNo,
        issuedOn: input.issuedOn ?? null,
        intendedUse: input.intendedUse,
        exemptCourseId: input.intendedUse === 'exemption' ? input.exemptCourseId! : null,
      },
    };
  }
  const [competition] = await db
    .select()
    .from(competitions)
    .where(and(eq(competitions.id, input.competitionId), eq(competitions.institutionId, student.institutionId)));
  if (!competition || competition.status !== 'active') throw invalidReference('competition', 'competitionId');
  const identityKey = outcomeIdentity({ kind: 'competition', competitionId: competition.id, studentId: student.id });
  return {
    identityKey,
    identityLabel: `${competition.name}`,
    row: {
      kind: 'competition',
      identityKey,
      competitionId: competition.id,
      prize: input.prize,
      issuedOn: input.issuedOn ?? null,
      intendedUse: 'credit',
    },
  };
}

export async function getClaim(app: AppContext, request: RequestContext, claimId: number) {
  const actor = requireActor(request.actor);
  const [claim] = await app.db.select().from(learningOutcomes).where(eq(learningOutcomes.id, claimId));
  if (!claim) throw notFound('learning_outcome', claimId);
  const student = (await studentProfile(app.db, claim.studentId))!;
  // Staff see claims of students inside their scope; a student sees their own.
  authorizeStudentRecord(actor, 'creditbank.read', student, await app.scopes.get());
  const entries = await app.db.select().from(ledgerEntries).where(eq(ledgerEntries.outcomeId, claimId)).orderBy(asc(ledgerEntries.seq));
  const files = await app.attachments.listFor(app.db, claimEvidenceType, [claimId]);
  return presentClaim(claim, student, files.get(claimId) ?? [], entries);
}

function presentClaim(
  claim: OutcomeRow,
  student: Pick<StudentProfile, 'id' | 'studentNo' | 'name'>,
  evidenceFiles: AttachmentInfo[],
  entries: Array<typeof ledgerEntries.$inferSelect> = [],
) {
  return {
    ...(claim as OutcomeAnswer),
    student: { id: student.id, studentNo: student.studentNo, name: student.name },
    evidenceFiles,
    ledger: entries.map((entry) => ({
      id: entry.id,
      seq: entry.seq,
      kind: entry.kind as LedgerEntryRow['kind'],
      category: entry.category as LedgerCategory,
      credits: entry.credits,
      hash: entry.hash,
      recordedAt: entry.recordedAt,
    })),
  };
}

/** The claimant adds evidence files while the claim waits for verification. */
export async function addEvidence(app: AppContext, request: RequestContext, claimId: number, fileIds: string[]) {
  const actor = requireActor(request.actor);
  await app.db.transaction(async (tx) => {
    const [claim] = await tx.select().from(learningOutcomes).where(eq(learningOutcomes.id, claimId)).for('update');
    if (!claim) throw notFound('learning_outcome', claimId);
    if (claim.submittedBy !== actor.userId) throw forbidden();
    if (claim.status !== 'submitted')
      throw new AppError(409, 'BAD_TRANSITION', 'creditbank.claim.evidence_closed', {
        status: claimStatusWords[claim.status as ClaimStatus],
      });
    const linked = await app.attachments.link(tx, actor, fileIds, claimEvidenceType, claimId);
    await recordAudit(tx, request, {
      action: 'creditbank.claim.evidence',
      entity: 'learning_outcome',
      entityId: claimId,
      institutionId: claim.institutionId,
      summary: `补充证明材料 ${linked.length} 个`,
      after: { files: linked.map((file) => ({ id: file.id, name: file.fileName, sha256: file.sha256 })) },
    });
  });
  return getClaim(app, request, claimId);
}

export interface ClaimFilter {
  status?: ClaimStatus;
  kind?: OutcomeKind;
  studentId?: number;
  page: number;
  pageSize: number;
}

/**
 * The review queue: claims of the institution, oldest first, filtered by status, kind or student,
 * within the actor's scope. The scope is applied in the query, so totals and pages stay right
 * however many outcomes a bulk import has recorded.
 */
export async function listClaims(app: AppContext, request: RequestContext, filter: ClaimFilter) {
  const actor = requireActor(request.actor);
  if (!actor.institutionId) throw forbidden();
  const scopes = await app.scopes.get();
  authorizeWithinInstitution(actor, 'creditbank.read', actor.institutionId, scopes);
  const conditions = [eq(learningOutcomes.institutionId, actor.institutionId)];
  if (filter.status) conditions.push(eq(learningOutcomes.status, filter.status));
  if (filter.kind) conditions.push(eq(learningOutcomes.kind, filter.kind));
  if (filter.studentId) conditions.push(eq(learningOutcomes.studentId, filter.studentId));
  const majorIds = await majorIdsOfInstitution(app.db, actor.institutionId);
  const visibleMajorIds = majorIds.filter((majorId) => can(actor, 'creditbank.read', { type: 'major', id: majorId }, scopes));
  if (visibleMajorIds.length < majorIds.length)
    conditions.push(inArray(learningOutcomes.studentId, studentIdsOfMajorsQuery(app.db, visibleMajorIds)));
  const where = and(...conditions);
  const [counted, rows] = await Promise.all([
    app.db.select({ total: countAll() }).from(learningOutcomes).where(where),
    app.db
      .select()
      .from(learningOutcomes)
      .where(where)
      .orderBy(asc(learningOutcomes.submittedAt), asc(learningOutcomes.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
  ]);
  const profiles = new Map(
    (await studentProfiles(app.db, [...new Set(rows.map((row) => row.studentId))])).map((profile) => [profile.id, profile]),
  );
  const files = await app.attachments.listFor(
    app.db,
    claimEvidenceType,
    rows.map((row) => row.id),
  );
  return { total: counted[0]!.total, items: rows.map((row) => presentClaim(row, profiles.get(row.studentId)!, files.get(row.id) ?? [])) };
}

/**
 * verify / grant / reject / reverse. The claim row is locked first, so two reviewers acting at the
 * same moment are served one after the other: the second sees the step done and gets the same
 * answer with no second ledger entry.
 */
export async function reviewClaim(
  app: AppContext,
  request: RequestContext,
  claimId: number,
  action: ClaimAction,
  note: string | null,
  expected: ExpectedGrant | null = null,
) {
  const actor = requireActor(request.actor);
  const [peek] = await app.db.select().from(learningOutcomes).where(eq(learningOutcomes.id, claimId));
  if (!peek) throw notFound('learning_outcome', claimId);
  const student = (await studentProfile(app.db, peek.studentId))!;
  if (actor.studentId) throw forbidden();
  authorize(actor, 'creditbank.review', { type: 'major', id: student.majorId }, await app.scopes.get());
  const conversionFacts = action === 'grant' ? await grantFacts(app.db, peek, student) : null;
  const notice = await app.db.transaction(async (tx) => {
    const [claim] = await tx.select().from(learningOutcomes).where(eq(learningOutcomes.id, claimId)).for('update');
    const check = checkTransition(
      action,
      claim!.status as ClaimStatus,
      actor.userId,
      { submittedBy: claim!.submittedBy, verifiedBy: claim!.verifiedBy },
      await settingsOf(tx, claim!.institutionId),
    );
    if (!check.ok) throw transitionRefusal(check);
    if (check.repeated) return;
    const now = new Date();
    const stamp = { status: check.to, revision: claim!.revision + 1 };
    if (action === 'verify') {
      await tx
        .update(learningOutcomes)
        .set({ ...stamp, verifiedBy: actor.userId, verifiedAt: now })
        .where(eq(learningOutcomes.id, claimId));
    } else if (action === 'reject') {
      await tx
        .update(learningOutcomes)
        .set({ ...stamp, decidedBy: actor.userId, decidedAt: now, decisionNote: note })
        .where(eq(learningOutcomes.id, claimId));
    } else if (action === 'grant') {
      const prior = (await priorGrantsOf(tx, [claim!.studentId])).get(claim!.studentId) ?? [];
      const conversion = convertOutcome({ ...conversionFacts!.input, prior });
      if (!conversion.ok)
        throw new AppError(409, `CONVERSION_${conversion.reason.toUpperCase()}`, conversion.messageKey, conversion.params);
      // The reviewer confirmed figures (the grant preview): if the rules or the student's grants changed since, ask again.
      if (expected && (expected.credits !== conversion.credits || expected.category !== conversion.category))
        throw new AppError(
          409,
          'GRANT_CHANGED',
          'creditbank.claim.grant_changed',
          { credits: conversion.credits, category: ledgerCategoryLabels[conversion.category] },
          { credits: conversion.credits, category: conversion.category },
        );
      await appendToLedger(tx, claim!.institutionId, [
        {
          student: claim!.studentId,
          outcome: claimId,
          kind: 'grant',
          category: conversion.category,
          credits: conversion.credits,
          exemptedCourse: conversion.exemptedCourseId,
          ruleSet: conversionFacts!.ruleSetId,
          reason: note,
          actor: actor.userId,
        },
      ]);
      await tx
        .update(learningOutcomes)
        .set({ ...stamp, decidedBy: actor.userId, decidedAt: now, decisionNote: note })
        .where(eq(learningOutcomes.id, claimId));
    } else {
      const [grant] = await tx
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.outcomeId, claimId), eq(ledgerEntries.kind, 'grant')));
      await appendToLedger(tx, claim!.institutionId, [
        {
          student: claim!.studentId,
          outcome: claimId,
          kind: 'reversal',
          category: grant!.category as PriorGrant['category'],
          credits: -grant!.credits,
          exemptedCourse: grant!.exemptedCourseId,
          ruleSet: grant!.ruleSetId,
          reason: note,
          actor: actor.userId,
        },
      ]);
      await tx
        .update(learningOutcomes)
        .set({ ...stamp, decidedBy: actor.userId, decidedAt: now, decisionNote: note })
        .where(eq(learningOutcomes.id, claimId));
    }
    await recordAudit(tx, request, {
      action: `creditbank.claim.${action}`,
      entity: 'learning_outcome',
      entityId: claimId,
      institutionId: claim!.institutionId,
      summary: `${student.studentNo} 学分认定申请 ${action}`,
      before: { status: claim!.status },
      after: { status: check.to, note },
    });
    if (action !== 'grant' && action !== 'reject') return null;
    // The student hears of the decision (inbox always; e-mail by their choice).
    const granted = action === 'grant';
    const [entry] = granted
      ? await tx
          .select({ credits: ledgerEntries.credits })
          .from(ledgerEntries)
          .where(and(eq(ledgerEntries.outcomeId, claimId), eq(ledgerEntries.kind, 'grant')))
      : [];
    return app.notifications.notify(
      {
        to: { students: [claim!.studentId] },
        kind: 'creditbank.claim_decided',
        institutionId: claim!.institutionId,
        createdBy: actor.userId,
        link: '/creditbank/me',
        dedupeKey: `creditbank.claim_decided:${claimId}:${action}`,
        payload: {
          claim: claim!.certificateNo ?? `#${claimId}`,
          decision: granted ? { 'zh-CN': '已认定', en: 'granted' } : { 'zh-CN': '未通过', en: 'rejected' },
          detail: granted
            ? { 'zh-CN': `计入 ${entry?.credits ?? 0} 学分。`, en: `${entry?.credits ?? 0} credits recorded.` }
            : { 'zh-CN': note ? `审核意见：${note}` : '', en: note ? `Reviewer's note: ${note}` : '' },
        },
      },
      tx,
    );
  });
  if (notice) app.notifications.afterCommit(notice);
  return getClaim(app, request, claimId);
}

/** What a reviewer confirmed granting gives; the grant is refused when it no longer does. */
export interface ExpectedGrant {
  credits: number;
  category: LedgerCategory;
}

function transitionRefusal(check: Extract<TransitionCheck, { ok: false }>): AppError {
  if (check.messageKey === 'creditbank.claim.own_claim') return new AppError(403, 'OWN_CLAIM', check.messageKey);
  if (check.messageKey === 'creditbank.claim.four_eyes') return new AppError(403, 'FOUR_EYES', check.messageKey);
  return new AppError(409, 'BAD_TRANSITION', check.messageKey, check.params);
}

/**
 * What granting a claim would give, for the reviewer's confirmation (认定确认): the credits and the
 * ledger category under today's rules and the student's standing grants, with the reason in words,
 * or why this reviewer cannot grant it (four eyes, own claim, not verified yet, a conversion refusal).
 */
export async function grantPreview(app: AppContext, request: RequestContext, locale: Locale, claimId: number) {
  const actor = requireActor(request.actor);
  const [claim] = await app.db.select().from(learningOutcomes).where(eq(learningOutcomes.id, claimId));
  if (!claim) throw notFound('learning_outcome', claimId);
  const student = (await studentProfile(app.db, claim.studentId))!;
  if (actor.studentId) throw forbidden();
  authorize(actor, 'creditbank.review', { type: 'major', id: student.majorId }, await app.scopes.get());
  const settings = await settingsOf(app.db, claim.institutionId);
  const answer = {
    claimId,
    status: claim.status as ClaimStatus,
    fourEyes: settings.fourEyes,
    mayGrant: false,
    refusal: null as string | null,
    credits: null as number | null,
    category: null as LedgerCategory | null,
    explanation: null as string | null,
    cappedFrom: null as number | null,
    crossGroup: false,
    ruleSetId: null as number | null,
  };
  const check = checkTransition(
    'grant',
    claim.status as ClaimStatus,
    actor.userId,
    { submittedBy: claim.submittedBy, verifiedBy: claim.verifiedBy },
    settings,
  );
  if (!check.ok) return { ...answer, refusal: transitionRefusal(check).localized(locale).message };
  if (check.repeated) {
    const [grant] = await app.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.outcomeId, claimId), eq(ledgerEntries.kind, 'grant')));
    return { ...answer, credits: grant?.credits ?? null, category: (grant?.category as LedgerCategory | undefined) ?? null };
  }
  let facts: Awaited<ReturnType<typeof grantFacts>>;
  try {
    facts = await grantFacts(app.db, claim, student);
  } catch (error) {
    if (error instanceof AppError) return { ...answer, refusal: error.localized(locale).message };
    throw error;
  }
  const prior = (await priorGrantsOf(app.db, [claim.studentId])).get(claim.studentId) ?? [];
  const conversion = convertOutcome({ ...facts.input, prior });
  if (!conversion.ok)
    return { ...answer, ruleSetId: facts.ruleSetId, refusal: translate(conversion.messageKey, locale, conversion.params) };
  return {
    ...answer,
    mayGrant: true,
    credits: conversion.credits,
    category: conversion.category,
    explanation: translate(conversion.explanation.messageKey, locale, conversion.explanation.params),
    cappedFrom: conversion.cappedFrom,
    crossGroup: conversion.crossGroup,
    ruleSetId: facts.ruleSetId,
  };
}

/** Everything conversion needs besides the ledger: the rules valid today, the outcome's facts, the student's programme. */
async function grantFacts(
  db: Db,
  claim: OutcomeRow,
  student: StudentProfile,
): Promise<{ ruleSetId: number | null; input: Omit<ConversionInput, 'prior'> }> {
  const today = institutionDate();
  const base = {
    use: claim.intendedUse as IntendedUse,
    studentGroupId: student.groupId,
    programmeGraduationCredits: await graduationCreditsOf(db, student.majorId, student.cohortYear),
  };
  if (claim.kind === 'course_credit') {
    return {
      ruleSetId: null,
      input: { ...base, rules: defaultConversionRules, outcome: { kind: 'course_credit', credits: claim.courseCredits! }, exemption: null },
    };
  }
  const ruleSet = await currentRuleSet(db, student.clusterId!, today);
  if (!ruleSet) throw new AppError(409, 'NO_RULES', 'creditbank.rules.none_valid', { date: today });
  if (claim.kind === 'competition') {
    const [competition] = await db.select().from(competitions).where(eq(competitions.id, claim.competitionId!));
    return {
      ruleSetId: ruleSet.id,
      input: {
        ...base,
        rules: ruleSet.rules,
        outcome: { kind: 'competition', level: competition!.level as 'national', prize: claim.prize as Prize },
        exemption: null,
      },
    };
  }
  const [certificate] = await db.select().from(certificates).where(eq(certificates.id, claim.certificateId!));
  let exemption: ConversionInput['exemption'] = null;
  if (claim.intendedUse === 'exemption' && claim.exemptCourseId) {
    const [course] = await coursesByIds(db, [claim.exemptCourseId]);
    const [mapping] = await db
      .select()
      .from(certificateCourseMappings)
      .where(
        and(eq(certificateCourseMappings.certificateId, certificate!.id), eq(certificateCourseMappings.courseId, claim.exemptCourseId)),
      );
    exemption = {
      courseId: claim.exemptCourseId,
      courseCredits: course?.credits ?? 0,
      mappedAtLevel: Boolean(mapping && levelRank(claim.level as CertificateLevel) >= levelRank(mapping.minLevel as CertificateLevel)),
      alreadyPassed: await hasPassedCourse(db, student.id, claim.exemptCourseId),
    };
  }
  return {
    ruleSetId: ruleSet.id,
    input: {
      ...base,
      rules: ruleSet.rules,
      outcome: {
        kind: 'certificate',
        certificateId: certificate!.id,
        ownerGroupId: certificate!.ownerGroupId,
        level: claim.level as CertificateLevel,
      },
      exemption,
    },
  };
}

/** A student's account: balances, ledger, claims. The student themself, or staff inside their scope. */
export async function studentAccount(app: AppContext, request: RequestContext, studentId: number) {
  requireActor(request.actor);
  const student = await studentProfile(app.db, studentId);
  if (!student) throw notFound('student', studentId);
  authorizeStudentRecord(request.actor, 'creditbank.read', student, await app.scopes.get());
  const [balances, entries, claims, conversion] = await Promise.all([
    balancesOf(app.db, studentId),
    entriesOf(app.db, studentId),
    app.db.select().from(learningOutcomes).where(eq(learningOutcomes.studentId, studentId)).orderBy(desc(learningOutcomes.submittedAt)),
    conversionAllowance(app.db, student),
  ]);
  return {
    student: {
      id: student.id,
      studentNo: student.studentNo,
      name: student.name,
      majorName: student.majorName,
      cohortYear: student.cohortYear,
    },
    balances,
    entries: entries as LedgerEntryRow[],
    claims: claims as OutcomeAnswer[],
    conversion,
    levels: [...certificateLevels],
  };
}

/**
 * How much a student may still convert under today's rules: the cap (per student, or the programme
 * share when that is lower) and what certificates, awards and exemptions already used of it.
 */
async function conversionAllowance(db: Db, student: StudentProfile) {
  const [ruleSet, programmeGraduationCredits, priors] = await Promise.all([
    student.clusterId ? currentRuleSet(db, student.clusterId, institutionDate()) : Promise.resolve(null),
    graduationCreditsOf(db, student.majorId, student.cohortYear),
    priorGrantsOf(db, [student.id]),
  ]);
  const rules = ruleSet?.rules ?? null;
  const used = convertedCredits(priors.get(student.id) ?? []);
  if (!rules)
    return { ruleSetId: null, cap: null, used, remaining: null, maxPerStudent: null, programmeShare: null, programmeGraduationCredits };
  const cap = conversionCap(rules, programmeGraduationCredits);
  return {
    ruleSetId: ruleSet!.id,
    cap,
    used,
    remaining: Math.max(0, cap - used),
    maxPerStudent: rules.maxConvertedCreditsPerStudent,
    programmeShare: rules.maxConvertedShareOfProgramme,
    programmeGraduationCredits,
  };
}
