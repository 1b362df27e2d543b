/**
 * The review queue of imported certificate results that did not match one student on ID number and
 * name (人工核对). A reviewer other than the importer either matches the row to a student, which
 * grants it like any imported result, or dismisses it with a reason. Either is recorded and audited;
 * a matched or dismissed row keeps its identity, so a re-import does not bring it back.
 */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { authorize, can, reachableWithin, requireActor, scopesReachedWithin, type Actor } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, forbidden, forbiddenScope, invalidReference, notFound } from '../../platform/errors.ts';
import { studentIdsOfMajorsQuery, studentProfile, studentProfiles, type StudentProfile } from '../org/read.ts';
import { grantCertificateOutcomes } from './bulk-grant.ts';
import type { ImportReview } from './responses.ts';
import type { CertificateLevel } from './rules.ts';
import { certificateImportReviews, certificates, learningOutcomes } from './schema.ts';
import { countAll } from '../../db/sql.ts';

type ReviewRow = typeof certificateImportReviews.$inferSelect;
export type ReviewStatus = 'open' | 'matched' | 'dismissed';

/** The queue's items name the certificate with its id, a single row without; the candidate by number, name and major only. */
function present(
  row: ReviewRow,
  certificate: { id?: number; code: string; name: string } | undefined,
  candidate: StudentProfile | undefined,
): ImportReview {
  const { idNumberEnc: _sealed, idNumberHash: _hash, ...visible } = row;
  return {
    ...(visible as Omit<ImportReview, 'certificate' | 'candidate'>),
    certificate: certificate ?? null,
    candidate: candidate
      ? { id: candidate.id, studentNo: candidate.studentNo, name: candidate.name, majorName: candidate.majorName }
      : null,
  };
}

/**
 * Which queued rows a reviewer may see, as the claims queue is scoped: all of the institution's for a
 * grant on the institution, otherwise rows whose candidate student is in a major the reviewer reaches,
 * or whose certificate belongs to a group the reviewer reaches. A row with neither goes to the institution's reviewers.
 */
async function reviewReach(app: AppContext, actor: Actor, institutionId: number) {
  const tree = await app.scopes.get();
  const majorIds = reachableWithin(actor, 'creditbank.review', institutionId, 'major', tree);
  if (majorIds === 'all') return 'all' as const;
  const groupIds = scopesReachedWithin(actor, 'creditbank.review', institutionId, 'group', tree) as number[];
  return { majorIds, groupIds };
}

type Reach = Awaited<ReturnType<typeof reviewReach>>;

function reachCondition(app: AppContext, reach: Reach): SQL | undefined {
  if (reach === 'all') return undefined;
  const byCandidate = inArray(certificateImportReviews.candidateStudentId, studentIdsOfMajorsQuery(app.db, reach.majorIds));
  if (reach.groupIds.length === 0) return byCandidate;
  const ownedCertificates = app.db
    .select({ id: certificates.id })
    .from(certificates)
    .where(inArray(certificates.ownerGroupId, reach.groupIds));
  return or(byCandidate, inArray(certificateImportReviews.certificateId, ownedCertificates));
}

export async function listImportReviews(
  app: AppContext,
  request: RequestContext,
  filter: { status?: ReviewStatus; page: number; pageSize: number },
) {
  const actor = requireActor(request.actor);
  if (!actor.institutionId) throw forbidden();
  const reach = await reviewReach(app, actor, actor.institutionId);
  const where = and(
    eq(certificateImportReviews.institutionId, actor.institutionId),
    filter.status ? eq(certificateImportReviews.status, filter.status) : undefined,
    reachCondition(app, reach),
  );
  const [{ total }] = (await app.db.select({ total: countAll() }).from(certificateImportReviews).where(where)) as [{ total: number }];
  const rows = await app.db
    .select()
    .from(certificateImportReviews)
    .where(where)
    .orderBy(asc(certificateImportReviews.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const catalogue = new Map(
    (
      await app.db
        .select({ id: certificates.id, code: certificates.code, name: certificates.name })
        .from(certificates)
        .where(eq(certificates.institutionId, actor.institutionId))
    ).map((row) => [row.id, row]),
  );
  // As for a single row: a candidate is named only to a reviewer who may see that student.
  const scopes = await app.scopes.get();
  const candidates = new Map(
    (await studentProfiles(app.db, [...new Set(rows.flatMap((row) => (row.candidateStudentId ? [row.candidateStudentId] : [])))]))
      .filter((profile) => can(actor, 'creditbank.read', { type: 'major', id: profile.majorId }, scopes))
      .map((profile) => [profile.id, profile]),
  );
  return {
    total,
    items: rows.map((row) =>
      present(row, catalogue.get(row.certificateId), row.candidateStudentId ? candidates.get(row.candidateStudentId) : undefined),
    ),
  };
}

/** A queued row the reviewer may see (see `reviewReach`); another institution's row is not found. */
async function openReview(app: AppContext, actor: Actor, reviewId: number) {
  const [row] = await app.db.select().from(certificateImportReviews).where(eq(certificateImportReviews.id, reviewId));
  if (!row || row.institutionId !== actor.institutionId) throw notFound('certificate_import_review', reviewId);
  const reach = await reviewReach(app, actor, row.institutionId);
  if (reach !== 'all') {
    const [visible] = await app.db
      .select({ id: certificateImportReviews.id })
      .from(certificateImportReviews)
      .where(and(eq(certificateImportReviews.id, reviewId), reachCondition(app, reach)));
    if (!visible) throw forbiddenScope();
  }
  return row;
}

/** Matches a queued result to a student and grants it; matching the same row to the same student again is answered as done. */
export async function matchImportReview(
  app: AppContext,
  request: RequestContext,
  reviewId: number,
  input: { studentId: number; note?: string | null },
) {
  const actor = requireActor(request.actor);
  const peek = await openReview(app, actor, reviewId);
  const student = await studentProfile(app.db, input.studentId);
  if (!student || student.institutionId !== peek.institutionId) throw invalidReference('student', 'studentId');
  authorize(actor, 'creditbank.review', { type: 'major', id: student.majorId }, await app.scopes.get());
  await app.db.transaction(async (tx) => {
    const [row] = await tx.select().from(certificateImportReviews).where(eq(certificateImportReviews.id, reviewId)).for('update');
    if (row!.status === 'matched') {
      const [outcome] = await tx
        .select({ studentId: learningOutcomes.studentId })
        .from(learningOutcomes)
        .where(eq(learningOutcomes.id, row!.outcomeId!));
      if (outcome?.studentId === input.studentId) return;
    }
    if (row!.status !== 'open')
      throw new AppError(409, 'REVIEW_CLOSED', 'creditbank.review.closed', { status: row!.status === 'matched' ? '已匹配' : '已驳回' });
    if (row!.createdBy === actor.userId) throw new AppError(403, 'OWN_IMPORT', 'creditbank.review.own_import');
    const [certificate] = await tx.select().from(certificates).where(eq(certificates.id, row!.certificateId));
    const taken = await tx
      .select({ id: learningOutcomes.id })
      .from(learningOutcomes)
      .where(
        and(
          eq(learningOutcomes.institutionId, row!.institutionId),
          eq(learningOutcomes.identityKey, row!.identityKey),
          sql`${learningOutcomes.status} <> 'rejected'`,
        ),
      );
    if (taken.length > 0)
      throw new AppError(
        409,
        'OUTCOME_DUPLICATE',
        'creditbank.claim.duplicate',
        { identity: `${certificate!.name} ${row!.certificateNo}` },
        { claimId: taken[0]!.id },
      );
    const granted = await grantCertificateOutcomes(tx, row!.institutionId, actor.userId, row!.importBatchId, [
      {
        studentId: student.id,
        certificate: certificate!,
        level: row!.level as CertificateLevel,
        certificateNo: row!.certificateNo,
        identityKey: row!.identityKey,
        issuedOn: row!.issuedOn,
        evidence: { register: '发证机构成绩单', batchId: row!.importBatchId, row: row!.rowNo, reviewId: row!.id, note: input.note ?? null },
      },
    ]);
    const now = new Date();
    await tx
      .update(certificateImportReviews)
      .set({
        status: 'matched',
        outcomeId: granted.outcomes[0]!.id,
        resolvedBy: actor.userId,
        resolvedAt: now,
        note: input.note ?? null,
        revision: row!.revision + 1,
      })
      .where(eq(certificateImportReviews.id, reviewId));
    await recordAudit(tx, request, {
      action: 'creditbank.import_review.match',
      entity: 'certificate_import_review',
      entityId: reviewId,
      institutionId: row!.institutionId,
      summary: `人工核对：${row!.personName}（${row!.idNumberMasked}）的证书成绩匹配到学生 ${student.studentNo} ${student.name}`,
      before: { status: row!.status, reason: row!.reason },
      after: { status: 'matched', studentId: student.id, outcomeId: granted.outcomes[0]!.id, credits: granted.credits },
    });
  });
  return getImportReview(app, request, reviewId);
}

/** Dismisses a queued result with a reason (not our student, a duplicate on paper…); repeating it is answered as done. */
export async function dismissImportReview(app: AppContext, request: RequestContext, reviewId: number, note: string) {
  const actor = requireActor(request.actor);
  await openReview(app, actor, reviewId);
  await app.db.transaction(async (tx) => {
    const [row] = await tx.select().from(certificateImportReviews).where(eq(certificateImportReviews.id, reviewId)).for('update');
    if (row!.status === 'dismissed') return;
    if (row!.status !== 'open') throw new AppError(409, 'REVIEW_CLOSED', 'creditbank.review.closed', { status: '已匹配' });
    if (row!.createdBy === actor.userId) throw new AppError(403, 'OWN_IMPORT', 'creditbank.review.own_import');
    await tx
      .update(certificateImportReviews)
      .set({ status: 'dismissed', resolvedBy: actor.userId, resolvedAt: new Date(), note, revision: row!.revision + 1 })
      .where(eq(certificateImportReviews.id, reviewId));
    await recordAudit(tx, request, {
      action: 'creditbank.import_review.dismiss',
      entity: 'certificate_import_review',
      entityId: reviewId,
      institutionId: row!.institutionId,
      summary: `人工核对：驳回 ${row!.personName}（${row!.idNumberMasked}）的证书成绩：${note}`,
      before: { status: row!.status },
      after: { status: 'dismissed', note },
    });
  });
  return getImportReview(app, request, reviewId);
}

export async function getImportReview(app: AppContext, request: RequestContext, reviewId: number) {
  const actor = requireActor(request.actor);
  const row = await openReview(app, actor, reviewId);
  const [certificate] = await app.db
    .select({ code: certificates.code, name: certificates.name })
    .from(certificates)
    .where(eq(certificates.id, row.certificateId));
  const candidate = row.candidateStudentId ? await studentProfile(app.db, row.candidateStudentId) : null;
  const scopes = await app.scopes.get();
  // The candidate's name is shown only to a reviewer who may see that student.
  const visibleCandidate =
    candidate && can(actor, 'creditbank.read', { type: 'major', id: candidate.majorId }, scopes) ? candidate : undefined;
  return present(row, certificate, visibleCandidate);
}
