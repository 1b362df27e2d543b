/**
 * The printed credit transcript (学分成绩单, PDF) and its QR code. Exporting issues the verifiable
 * credential of every outcome on it (issuing is idempotent), keeps which credentials were printed under
 * a random token (only its SHA-256 is stored), and prints PUBLIC_URL/verify?transcript=<token> as a QR
 * code: whoever holds the paper opens /verify, which fetches those credentials and checks each one.
 */
import crypto from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { authorizeStudentRecord, requireActor } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Locale } from '../../platform/messages.ts';
import { enforceRateLimit } from '../../platform/rate-limit.ts';
import { institutionById, studentProfile } from '../org/read.ts';
import { issueCredential, orderKeys, verifyPresentedCredential } from './credentials/credential-service.ts';
import { issuedCredentials } from './credentials/schema.ts';
import type { JsonObject } from './credentials/data-integrity.ts';
import { balancesOf } from './ledger.ts';
import { pdfFont } from './pdf-font.ts';
import type { OpenBadgeCredential } from './responses.ts';
import { creditTranscripts } from './schema.ts';
import { transcriptOf } from './transcript.ts';
import { transcriptPdf } from './transcript-pdf.ts';
import './messages.ts';

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The address a transcript's QR code opens. */
export const transcriptVerifyUrl = (publicUrl: string, token: string) => `${publicUrl}/verify?transcript=${encodeURIComponent(token)}`;

/** A token as the QR code carries it: 32 random bytes, base64url. */
export const transcriptTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Anyone may open a transcript's link; each opening verifies every credential on it, so it is limited per address. */
export const transcriptLimits = { perAddress: { name: 'transcript_verify', limit: 20, windowSeconds: 60 } };

/** The student's transcript as a PDF: the student themself, or staff who may issue credentials for the student. */
export async function exportTranscript(app: AppContext, request: RequestContext, locale: Locale, studentId: number) {
  const actor = requireActor(request.actor);
  const student = await studentProfile(app.db, studentId);
  if (!student) throw notFound('student', studentId);
  authorizeStudentRecord(actor, 'creditbank.issue', student, await app.scopes.get());
  // Before anything is issued: without a font there is no PDF.
  const font = pdfFont(app.config.pdfFont);
  const rows = await transcriptOf(app.db, student);
  const credentialIds: string[] = [];
  for (const row of rows) credentialIds.push((await issueCredential(app, request, row.outcomeId)).id);
  const token = crypto.randomBytes(32).toString('base64url');
  const generatedAt = new Date();
  await app.db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(creditTranscripts)
      .values({
        institutionId: student.institutionId,
        studentId: student.id,
        tokenHash: tokenHash(token),
        credentialIds,
        createdBy: actor.userId,
        createdAt: generatedAt,
      })
      .returning({ id: creditTranscripts.id });
    await recordAudit(tx, request, {
      action: 'creditbank.transcript.export',
      entity: 'credit_transcript',
      entityId: saved!.id,
      institutionId: student.institutionId,
      summary: `${student.studentNo} 导出学分成绩单（${rows.length} 项成果）`,
      after: { studentId: student.id, credentials: credentialIds.length },
    });
  });
  const [balances, institution] = await Promise.all([balancesOf(app.db, student.id), institutionById(app.db, student.institutionId)]);
  const body = await transcriptPdf({
    locale,
    font,
    institutionName: institution?.name ?? '',
    student: { name: student.name, studentNo: student.studentNo, majorName: student.majorName, cohortYear: student.cohortYear },
    rows,
    balances,
    verifyUrl: transcriptVerifyUrl(app.config.publicUrl, token),
    generatedAt,
  });
  return { fileName: `${student.studentNo}-${locale === 'en' ? 'credit-transcript' : '学分成绩单'}.pdf`, body };
}

/**
 * What a transcript's QR code shows (public, no login): the institution, when it was printed, and each
 * credential printed on it with the verifier's checks (signature, issuer, key, revocation, validity).
 */
export async function publicTranscript(app: AppContext, token: string, locale: Locale, address: string) {
  await enforceRateLimit(app.db, transcriptLimits.perAddress, address);
  const [transcript] = await app.db
    .select()
    .from(creditTranscripts)
    .where(eq(creditTranscripts.tokenHash, tokenHash(token)));
  if (!transcript) throw new AppError(404, 'TRANSCRIPT_NOT_FOUND', 'creditbank.transcript.not_found');
  const stored = transcript.credentialIds.length
    ? await app.db.select().from(issuedCredentials).where(inArray(issuedCredentials.id, transcript.credentialIds))
    : [];
  const byId = new Map(stored.map((row) => [row.id, row]));
  const institution = await institutionById(app.db, transcript.institutionId);
  const items = [];
  for (const id of transcript.credentialIds) {
    const row = byId.get(id);
    if (!row) continue;
    const credential = orderKeys(row.credential) as JsonObject;
    items.push({
      credential: credential as unknown as OpenBadgeCredential,
      verification: await verifyPresentedCredential(app, credential, locale),
    });
  }
  return { institutionName: institution?.name ?? '', printedAt: transcript.createdAt, items };
}
