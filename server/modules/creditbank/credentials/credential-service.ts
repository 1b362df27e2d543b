/**
 * Verifiable transcripts: one Open Badges 3.0 credential per granted learning outcome, signed with the
 * institution's key, with a place in a Bitstring Status List. Revocation is read from the ledger: a
 * credential is revoked once its outcome has a reversal entry, so the claim workflow needs no change.
 */
import crypto from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Database, Db } from '../../../db/connection.ts';
import { authorizeStudentRecord, requireActor } from '../../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../../platform/audit.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { translate, type Locale, type MessageKey } from '../../../platform/messages.ts';
import { coursesByIds } from '../../courses/read.ts';
import { institutionById, studentProfile } from '../../org/read.ts';
import type { IssuerProfileDocument, OpenBadgeCredential, StatusListCredentialDocument } from '../responses.ts';
import {
  certificateLevelLabels,
  competitionLevelLabels,
  prizeLabels,
  type CertificateLevel,
  type CompetitionLevel,
  type LedgerCategory,
  type OutcomeKind,
  type Prize,
} from '../rules.ts';
import { certificates, competitions, learningOutcomes, ledgerEntries } from '../schema.ts';
import {
  dateTimeStamp,
  publicKeyFromMultibase,
  signDocument,
  verifyDocument,
  type JsonObject,
  type ProofFailure,
} from './data-integrity.ts';
import { contextUrls } from './document-loader.ts';
import {
  achievementCredential,
  issuerPath,
  issuerProfile,
  statusListPath,
  verificationMethodId,
  type AchievementFacts,
} from './open-badges.ts';
import { activeSigningKey, publishedKeys } from './signing-keys.ts';
import { credentialStatusLists, issuedCredentials } from './schema.ts';
import { encodeStatusList, statusListCredential, statusListEntry, statusPurpose } from './status-list.ts';
import '../messages.ts';
import { transcriptOf } from '../transcript.ts';
import { rowsOf } from '../../../db/sql.ts';

type OutcomeRow = typeof learningOutcomes.$inferSelect;
type LedgerRow = typeof ledgerEntries.$inferSelect;
type IssuedRow = typeof issuedCredentials.$inferSelect;
type Urls = Pick<AppContext['config'], 'publicUrl'>;

const issuerIdOf = (config: Urls, institutionId: number) => `${config.publicUrl}${issuerPath(institutionId)}`;
const statusListUrlOf = (config: Urls, listId: string) => `${config.publicUrl}${statusListPath(listId)}`;

// ---- What an outcome is, in words (zh-CN: the credential's language)

interface Catalogue {
  certificates: Map<number, typeof certificates.$inferSelect>;
  competitions: Map<number, typeof competitions.$inferSelect>;
  courses: Map<number, { code: string; name: string }>;
}

async function catalogueFor(db: Db, outcomes: OutcomeRow[], grants: LedgerRow[]): Promise<Catalogue> {
  const ids = (pick: (outcome: OutcomeRow) => number | null) => [...new Set(outcomes.map(pick).filter((id): id is number => id !== null))];
  const certificateIds = ids((outcome) => outcome.certificateId);
  const competitionIds = ids((outcome) => outcome.competitionId);
  const courseIds = [
    ...new Set([
      ...ids((outcome) => outcome.courseId),
      ...grants.map((grant) => grant.exemptedCourseId).filter((id): id is number => id !== null),
    ]),
  ];
  const [certificateRows, competitionRows, courseRows] = await Promise.all([
    certificateIds.length ? db.select().from(certificates).where(inArray(certificates.id, certificateIds)) : [],
    competitionIds.length ? db.select().from(competitions).where(inArray(competitions.id, competitionIds)) : [],
    coursesByIds(db, courseIds),
  ]);
  return {
    certificates: new Map(certificateRows.map((row) => [row.id, row])),
    competitions: new Map(competitionRows.map((row) => [row.id, row])),
    courses: new Map(courseRows.map((row) => [row.id, { code: row.code, name: row.name }])),
  };
}

const zh = (labels: Record<string, { 'zh-CN': string }>, key: string | null) => (key && labels[key]?.['zh-CN']) || key || '';

/** The achievement an outcome stands for, with the credits its grant gave. */
export function achievementFacts(outcome: OutcomeRow, grant: LedgerRow, catalogue: Catalogue, institutionName: string): AchievementFacts {
  const credits = grant.credits;
  if (outcome.kind === 'certificate') {
    const certificate = catalogue.certificates.get(outcome.certificateId!)!;
    const level = zh(certificateLevelLabels, outcome.level as CertificateLevel);
    const kindName = certificate.kind === 'qualification' ? '职业资格证书' : '职业技能等级证书';
    const exempted = grant.exemptedCourseId ? catalogue.courses.get(grant.exemptedCourseId) : undefined;
    return {
      key: `certificate|${certificate.id}|${outcome.level}`,
      achievementType: certificate.kind === 'qualification' ? 'Certification' : 'Certificate',
      name: `${certificate.name}（${level}）`,
      description: `${certificate.issuer}颁发的${kindName}“${certificate.name}”，等级：${level}。`,
      criteria: `持有${certificate.issuer}颁发的“${certificate.name}”${level}证书，经${institutionName}学分银行核验，按学分置换规则认定 ${credits} 学分${exempted ? `，用于免修课程“${exempted.name}”` : ''}。`,
      creditsAvailable: credits,
      humanCode: certificate.code,
      resultValue: level,
    };
  }
  if (outcome.kind === 'competition') {
    const competition = catalogue.competitions.get(outcome.competitionId!)!;
    const prize = zh(prizeLabels, outcome.prize as Prize);
    const level = zh(competitionLevelLabels, competition.level as CompetitionLevel);
    return {
      key: `competition|${competition.id}|${outcome.prize}`,
      achievementType: 'Award',
      name: `${competition.name} ${prize}`,
      description: `${competition.year} 年${level}技能大赛“${competition.name}”${prize}${competition.organiser ? `（主办：${competition.organiser}）` : ''}。`,
      criteria: `在${level}技能大赛“${competition.name}”中获得${prize}，经${institutionName}学分银行认定 ${credits} 学分。`,
      creditsAvailable: credits,
      humanCode: competition.code,
      resultValue: `${level}${prize}`,
    };
  }
  const course = catalogue.courses.get(outcome.courseId!) ?? { code: '', name: `课程 ${outcome.courseId}` };
  return {
    key: `course|${outcome.courseId}`,
    achievementType: 'Course',
    name: course.name,
    description: `${institutionName}课程“${course.name}”${course.code ? `（课程代码 ${course.code}）` : ''}，${outcome.courseCredits} 学分。`,
    criteria: `修读课程“${course.name}”并考核合格，取得 ${credits} 学分。`,
    creditsAvailable: credits,
    humanCode: course.code || null,
  };
}

// ---- Issuing

/** A free position in one of the institution's status lists (a new list when all are full). */
async function allocateStatusIndex(tx: Db, institutionId: number): Promise<{ listId: string; index: number }> {
  for (;;) {
    const [slot] = rowsOf<{ id: string; idx: number }>(
      await tx.execute(sql`
      UPDATE credential_status_lists SET next_index = next_index + 1
      WHERE id = (SELECT id FROM credential_status_lists WHERE institution_id = ${institutionId} AND next_index < size ORDER BY created_at, id LIMIT 1 FOR UPDATE)
        AND next_index < size
      RETURNING id, ((start_index::bigint + (next_index - 1)::bigint * stride) % size)::int AS idx`),
    );
    if (slot) return { listId: slot.id, index: Number(slot.idx) };
    const size = 131_072;
    await tx
      .insert(credentialStatusLists)
      .values({ institutionId, size, startIndex: crypto.randomInt(size), stride: crypto.randomInt(size / 2) * 2 + 1 });
  }
}

const storedFor = async (db: Db, institutionId: number, outcomeId: number) =>
  (
    await db
      .select()
      .from(issuedCredentials)
      .where(and(eq(issuedCredentials.institutionId, institutionId), eq(issuedCredentials.outcomeId, outcomeId)))
  )[0];

async function outcomeWithStudent(app: AppContext, request: RequestContext, outcomeId: number) {
  const actor = requireActor(request.actor);
  const [outcome] = await app.db.select().from(learningOutcomes).where(eq(learningOutcomes.id, outcomeId));
  if (!outcome) throw notFound('learning_outcome', outcomeId);
  const student = (await studentProfile(app.db, outcome.studentId))!;
  // The student themself, or staff who may issue on the student's major (reading the credit bank is not enough).
  authorizeStudentRecord(actor, 'creditbank.issue', student, await app.scopes.get());
  return { actor, outcome, student };
}

const notIssuable = (status: string) =>
  status === 'reversed'
    ? new AppError(409, 'OUTCOME_REVERSED', 'creditbank.credential.reversed')
    : new AppError(409, 'OUTCOME_NOT_GRANTED', 'creditbank.credential.not_granted');

/**
 * Issues the credential of a granted outcome, or returns the one issued before (the same document:
 * issuing is idempotent). The outcome's row lock orders this with a reversal or another issue at the same moment.
 */
export async function issueCredential(app: AppContext, request: RequestContext, outcomeId: number) {
  const { outcome, student } = await outcomeWithStudent(app, request, outcomeId);
  const existing = await storedFor(app.db, outcome.institutionId, outcome.id);
  if (existing) return { created: false, ...presentIssued(existing) };
  const entries = await app.db.select().from(ledgerEntries).where(eq(ledgerEntries.outcomeId, outcome.id));
  const grant = entries.find((entry) => entry.kind === 'grant');
  if (outcome.status !== 'granted' || !grant || entries.some((entry) => entry.kind === 'reversal')) throw notIssuable(outcome.status);
  const institution = (await institutionById(app.db, outcome.institutionId))!;
  const facts = achievementFacts(outcome, grant, await catalogueFor(app.db, [outcome], [grant]), institution.name);
  const key = await activeSigningKey(app, outcome.institutionId, request);
  const issuerId = issuerIdOf(app.config, outcome.institutionId);
  const row = await app.db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ status: learningOutcomes.status })
      .from(learningOutcomes)
      .where(eq(learningOutcomes.id, outcome.id))
      .for('update');
    const again = await storedFor(tx, outcome.institutionId, outcome.id);
    if (again) return { created: false, row: again };
    if (locked!.status !== 'granted') throw notIssuable(locked!.status);
    const slot = await allocateStatusIndex(tx, outcome.institutionId);
    const id = crypto.randomUUID();
    const now = new Date();
    const unsigned = achievementCredential({
      id,
      issuer: { id: issuerId, name: institution.name },
      validFrom: dateTimeStamp(now),
      awardedDate: dateTimeStamp(grant.recordedAt),
      student: { studentNo: student.studentNo, name: student.name },
      achievement: facts,
      creditsEarned: grant.credits,
      credentialStatus: statusListEntry(statusListUrlOf(app.config, slot.listId), slot.index),
    });
    const credential = await signDocument(
      unsigned,
      { verificationMethod: verificationMethodId(issuerId, key.keyNo), privateKey: key.privateKey },
      { created: now },
    );
    const [inserted] = await tx
      .insert(issuedCredentials)
      .values({
        id,
        institutionId: outcome.institutionId,
        studentId: student.id,
        outcomeId: outcome.id,
        statusListId: slot.listId,
        statusIndex: slot.index,
        signingKeyId: key.rowId,
        credential,
        issuedBy: request.actor?.userId ?? null,
        issuedAt: now,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'creditbank.credential.issue',
      entity: 'issued_credential',
      entityId: id,
      institutionId: outcome.institutionId,
      summary: `${student.studentNo} 生成可验证学分证明：${facts.name}`,
      after: { outcomeId: outcome.id, statusListId: slot.listId, statusIndex: slot.index, keyNo: key.keyNo },
    });
    return { created: true, row: inserted! };
  });
  return { created: row.created, ...presentIssued(row.row) };
}

// jsonb keeps keys in its own order; the document is shown in the order the data model reads.
const keyOrder = [
  '@context',
  'id',
  'type',
  'name',
  'description',
  'issuer',
  'validFrom',
  'validUntil',
  'awardedDate',
  'credentialSubject',
  'identifier',
  'identityType',
  'hashed',
  'identityHash',
  'salt',
  'achievement',
  'achievementType',
  'criteria',
  'narrative',
  'creditsAvailable',
  'humanCode',
  'inLanguage',
  'creditsEarned',
  'result',
  'value',
  'credentialStatus',
  'statusPurpose',
  'statusListIndex',
  'statusListCredential',
  'proof',
  'cryptosuite',
  'created',
  'verificationMethod',
  'proofPurpose',
  'proofValue',
];
const rank = (key: string) => {
  const index = keyOrder.indexOf(key);
  return index < 0 ? keyOrder.length : index;
};
export function orderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(orderKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([key, child]) => [key, orderKeys(child)]),
  );
}

function presentIssued(row: IssuedRow) {
  return {
    id: row.id,
    outcomeId: row.outcomeId,
    issuedAt: row.issuedAt,
    statusListId: row.statusListId,
    statusIndex: row.statusIndex,
    credential: orderKeys(row.credential) as OpenBadgeCredential,
  };
}

/** The stored credential as a file: the student themself, or staff in scope. */
export async function credentialFile(app: AppContext, request: RequestContext, credentialId: string) {
  const actor = requireActor(request.actor);
  const [row] = await app.db.select().from(issuedCredentials).where(eq(issuedCredentials.id, credentialId));
  if (!row) throw new AppError(404, 'NOT_FOUND', 'creditbank.credential.not_found', { id: credentialId });
  const student = (await studentProfile(app.db, row.studentId))!;
  authorizeStudentRecord(actor, 'creditbank.read', student, await app.scopes.get());
  const credential = orderKeys(row.credential) as { name?: unknown };
  const name = typeof credential.name === 'string' ? credential.name.replace(/[\\/:*?"<>|\s]+/g, '_') : 'credential';
  return {
    fileName: `${student.studentNo}-${name}-${row.id.slice(0, 8)}.json`,
    body: Buffer.from(`${JSON.stringify(credential, null, 2)}\n`, 'utf8'),
  };
}

/** The signed-in student's outcomes that can have, or have, a credential. */
export async function myCredentials(app: AppContext, request: RequestContext) {
  const actor = requireActor(request.actor);
  if (!actor.studentId) throw forbidden();
  const studentId = actor.studentId;
  const [outcomes, entries, issued] = await Promise.all([
    app.db
      .select()
      .from(learningOutcomes)
      .where(and(eq(learningOutcomes.studentId, studentId), inArray(learningOutcomes.status, ['granted', 'reversed'])))
      .orderBy(asc(learningOutcomes.id)),
    app.db.select().from(ledgerEntries).where(eq(ledgerEntries.studentId, studentId)),
    app.db
      .select({ id: issuedCredentials.id, outcomeId: issuedCredentials.outcomeId, issuedAt: issuedCredentials.issuedAt })
      .from(issuedCredentials)
      .where(eq(issuedCredentials.studentId, studentId)),
  ]);
  const grants = new Map(entries.filter((entry) => entry.kind === 'grant').map((entry) => [entry.outcomeId, entry]));
  const reversed = new Set(entries.filter((entry) => entry.kind === 'reversal').map((entry) => entry.outcomeId));
  const byOutcome = new Map(issued.map((row) => [row.outcomeId, row]));
  const listed = outcomes.filter((outcome) => grants.has(outcome.id) && (!reversed.has(outcome.id) || byOutcome.has(outcome.id)));
  const institutionName = listed.length ? ((await institutionById(app.db, listed[0]!.institutionId))?.name ?? '') : '';
  const catalogue = await catalogueFor(
    app.db,
    listed,
    listed.map((outcome) => grants.get(outcome.id)!),
  );
  // The transcript's columns (grade, term, code) of each outcome still on it.
  const transcript = new Map(
    (listed.length ? await transcriptOf(app.db, { id: studentId, institutionId: listed[0]!.institutionId }) : []).map((row) => [
      row.outcomeId,
      row,
    ]),
  );
  const items = listed.map((outcome) => {
    const grant = grants.get(outcome.id)!;
    const line = transcript.get(outcome.id);
    const facts = achievementFacts(outcome, grant, catalogue, institutionName);
    const credential = byOutcome.get(outcome.id);
    return {
      outcomeId: outcome.id,
      kind: outcome.kind as OutcomeKind,
      achievementName: facts.name,
      achievementType: facts.achievementType,
      credits: grant.credits,
      grantedAt: grant.recordedAt,
      state: reversed.has(outcome.id) ? ('revoked' as const) : credential ? ('issued' as const) : ('issuable' as const),
      credentialId: credential?.id ?? null,
      issuedAt: credential?.issuedAt ?? null,
      category: grant.category as LedgerCategory,
      code: line?.code ?? facts.humanCode ?? null,
      term: line?.term ?? null,
      result: line?.result ?? null,
    };
  });
  return { items };
}

// ---- Public documents

export async function issuerDocument(app: Pick<AppContext, 'db' | 'config'>, institutionId: number) {
  const institution = await institutionById(app.db, institutionId);
  if (!institution) throw new AppError(404, 'NOT_FOUND', 'creditbank.credential.issuer_not_found', { id: institutionId });
  const keys = await publishedKeys(app.db, institutionId);
  return issuerProfile(issuerIdOf(app.config, institutionId), institution.name, keys) as IssuerProfileDocument;
}

/** Positions of a list whose credential's outcome has been reversed in the ledger. */
async function revokedIndexes(db: Db, institutionId: number, listId: string): Promise<number[]> {
  return rowsOf<{ status_index: number }>(
    await db.execute(sql`
    SELECT ic.status_index FROM issued_credentials ic
    WHERE ic.institution_id = ${institutionId} AND ic.status_list_id = ${listId}
      AND EXISTS (SELECT 1 FROM ledger_entries le WHERE le.outcome_id = ic.outcome_id AND le.kind = 'reversal')`),
  ).map((row) => Number(row.status_index));
}

/**
 * Signed lists, per database and list, with how many positions were set and which key signed: a reversal
 * only ever adds a position (the ledger is append-only), so the same count means the same list.
 */
const signedLists = new WeakMap<Database, Map<string, { revoked: number; keyNo: number; document: JsonObject }>>();

export async function statusListDocument(
  app: Pick<AppContext, 'db' | 'database' | 'config' | 'pii'>,
  listId: string,
): Promise<StatusListCredentialDocument> {
  const [list] = await app.db.select().from(credentialStatusLists).where(eq(credentialStatusLists.id, listId));
  if (!list) throw new AppError(404, 'NOT_FOUND', 'creditbank.credential.status_list_not_found', { id: listId });
  const revoked = await revokedIndexes(app.db, list.institutionId, list.id);
  const key = await activeSigningKey(app, list.institutionId);
  let cache = signedLists.get(app.database);
  if (!cache) signedLists.set(app.database, (cache = new Map()));
  const cached = cache.get(list.id);
  if (cached && cached.revoked === revoked.length && cached.keyNo === key.keyNo) return cached.document as StatusListCredentialDocument;
  const issuerId = issuerIdOf(app.config, list.institutionId);
  const now = new Date();
  const document = await signDocument(
    statusListCredential({
      listUrl: statusListUrlOf(app.config, list.id),
      issuer: issuerId,
      validFrom: dateTimeStamp(now),
      encodedList: encodeStatusList(revoked, list.size),
    }),
    { verificationMethod: verificationMethodId(issuerId, key.keyNo), privateKey: key.privateKey },
    { created: now },
  );
  cache.set(list.id, { revoked: revoked.length, keyNo: key.keyNo, document });
  return document as StatusListCredentialDocument;
}

// ---- Verifying (the public endpoint): every check reported, none short-circuits another

export type CheckName = 'format' | 'issuer' | 'key' | 'signature' | 'status' | 'validity';
export interface CredentialCheck {
  check: CheckName;
  ok: boolean;
  message: string;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const text = (value: unknown) => (typeof value === 'string' ? value : null);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Clocks may differ a little between the issuer and whoever verifies. */
const clockSkewMs = 5 * 60 * 1000;

/** 422 for something that is not a verifiable credential at all; checks are for credentials. */
/** Bounds on what an anonymous caller may ask the verifier to canonicalise. */
export const verifyLimits = {
  maxBytes: 256 * 1024,
  maxNodes: 5000,
  maxDepth: 32,
  maxMilliseconds: 3000,
  perAddress: { name: 'credential_verify', limit: 30, windowSeconds: 60 },
};

/** Counts the values of a JSON document (objects, arrays and scalars) and its depth, stopping past the limits. */
function assertCredentialSize(input: unknown) {
  let nodes = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value: input, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    nodes += 1;
    if (nodes > verifyLimits.maxNodes || depth > verifyLimits.maxDepth)
      throw new AppError(413, 'CREDENTIAL_TOO_LARGE', 'creditbank.credential.too_large', {
        nodes: verifyLimits.maxNodes,
        depth: verifyLimits.maxDepth,
      });
    if (value !== null && typeof value === 'object')
      for (const child of Object.values(value as Record<string, unknown>)) stack.push({ value: child, depth: depth + 1 });
  }
}

/** Rejects when `work` is not done in time (the verifier's answer is then "too complex", not a hung request). */
async function withinTime<T>(work: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError(422, 'CREDENTIAL_TOO_COMPLEX', 'creditbank.credential.too_complex')), milliseconds);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function assertCredentialShape(input: JsonObject) {
  const contexts = asList(input['@context']);
  const types = asList(input.type);
  let reason: string | null = null;
  if (contexts[0] !== contextUrls.credentialsV2) reason = `@context[0] ≠ ${contextUrls.credentialsV2}`;
  else if (!types.includes('VerifiableCredential')) reason = 'type ∌ VerifiableCredential';
  else if (!isObject(input.credentialSubject)) reason = 'credentialSubject';
  else if (!(typeof input.issuer === 'string' || isObject(input.issuer))) reason = 'issuer';
  if (reason) throw new AppError(422, 'NOT_A_CREDENTIAL', 'creditbank.credential.not_a_credential', { reason });
}

export async function verifyPresentedCredential(app: Pick<AppContext, 'db' | 'config'>, input: JsonObject, locale: Locale) {
  assertCredentialSize(input);
  assertCredentialShape(input);
  const checks: CredentialCheck[] = [];
  const report = (check: CheckName, ok: boolean, key: MessageKey, params: Record<string, string | number> = {}) =>
    checks.push({ check, ok, message: translate(key, locale, params) });

  const types = asList(input.type);
  const isOpenBadge = types.includes('OpenBadgeCredential') || types.includes('AchievementCredential');
  const openBadgeContext = asList(input['@context']).some(
    (context) => typeof context === 'string' && context.startsWith('https://purl.imsglobal.org/spec/ob/v3p0/'),
  );
  report(
    'format',
    isOpenBadge && openBadgeContext,
    isOpenBadge && openBadgeContext ? 'creditbank.credential.check.format.ok' : 'creditbank.credential.check.format.not_open_badge',
  );

  // Issuer: one of our institutions, under this server's public URL.
  const issuerId = typeof input.issuer === 'string' ? input.issuer : (text((input.issuer as JsonObject).id) ?? '');
  const issuerPrefix = `${app.config.publicUrl}/api/public/issuers/`;
  const institutionId =
    issuerId.startsWith(issuerPrefix) && /^[1-9]\d{0,15}$/.test(issuerId.slice(issuerPrefix.length))
      ? Number(issuerId.slice(issuerPrefix.length))
      : null;
  const institution = institutionId ? await institutionById(app.db, institutionId) : null;
  report(
    'issuer',
    Boolean(institution),
    institution ? 'creditbank.credential.check.issuer.ok' : 'creditbank.credential.check.issuer.unknown',
    { name: institution?.name ?? '', issuer: issuerId || '—' },
  );

  // Key: one the issuer publishes.
  const proof = isObject(input.proof) ? input.proof : null;
  const methodId = text(proof?.verificationMethod) ?? '';
  const keyNo = institution && methodId.startsWith(`${issuerId}#key-`) ? Number(methodId.slice(`${issuerId}#key-`.length)) : NaN;
  const key =
    institution && Number.isInteger(keyNo) && verificationMethodId(issuerId, keyNo) === methodId
      ? (await publishedKeys(app.db, institution.id)).find((candidate) => candidate.keyNo === keyNo)
      : undefined;
  report('key', Boolean(key), key ? 'creditbank.credential.check.key.ok' : 'creditbank.credential.check.key.unknown', {
    key: methodId || '—',
  });

  // Signature: over the whole document, with that key only.
  const signature = await withinTime(
    verifyDocument(input, {
      resolveKey: async (id) => (key && id === methodId ? publicKeyFromMultibase(key.publicKeyMultibase) : null),
    }),
    verifyLimits.maxMilliseconds,
  );
  const signatureKeys: Record<ProofFailure, MessageKey> = {
    no_proof: 'creditbank.credential.check.signature.no_proof',
    unsupported_proof: 'creditbank.credential.check.signature.unsupported_proof',
    wrong_purpose: 'creditbank.credential.check.signature.wrong_purpose',
    unknown_key: 'creditbank.credential.check.signature.unknown_key',
    malformed: 'creditbank.credential.check.signature.malformed',
    invalid_signature: 'creditbank.credential.check.signature.invalid_signature',
  };
  report(
    'signature',
    signature.verified,
    signature.verified ? 'creditbank.credential.check.signature.ok' : signatureKeys[signature.reason],
  );

  // Status: the position in one of the issuer's lists, read from the ledger.
  const revoked = institution ? await revocationOf(app, institution.id, input.credentialStatus) : { state: 'unknown_list' as const };
  const statusKeys = {
    ok: 'creditbank.credential.check.status.ok',
    revoked: 'creditbank.credential.check.status.revoked',
    missing: 'creditbank.credential.check.status.missing',
    unknown_list: 'creditbank.credential.check.status.unknown_list',
    bad_entry: 'creditbank.credential.check.status.bad_entry',
  } as const;
  report('status', revoked.state === 'ok', statusKeys[revoked.state]);

  // Validity period.
  const now = Date.now();
  const validFrom = text(input.validFrom);
  const validUntil = text(input.validUntil);
  const from = validFrom ? Date.parse(validFrom) : NaN;
  const until = validUntil ? Date.parse(validUntil) : null;
  if (Number.isNaN(from) || (until !== null && Number.isNaN(until)))
    report('validity', false, 'creditbank.credential.check.validity.bad_date');
  else if (from > now + clockSkewMs) report('validity', false, 'creditbank.credential.check.validity.not_yet', { from: validFrom! });
  else if (until !== null && until < now - clockSkewMs)
    report('validity', false, 'creditbank.credential.check.validity.expired', { until: validUntil! });
  else report('validity', true, 'creditbank.credential.check.validity.ok', { from: validFrom! });

  const subject = input.credentialSubject as JsonObject;
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  return {
    verified: checks.every((check) => check.ok),
    revoked: revoked.state === 'revoked',
    checks,
    credential: { id: text(input.id), name: text(input.name), validFrom, validUntil, awardedDate: text(input.awardedDate) },
    issuer: {
      id: issuerId,
      name: institution?.name ?? (isObject(input.issuer) ? text(input.issuer.name) : null),
      known: Boolean(institution),
    },
    achievement: {
      id: text(achievement.id),
      name: text(achievement.name),
      description: text(achievement.description),
      achievementType: text(achievement.achievementType),
      humanCode: text(achievement.humanCode),
      creditsAvailable: typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : null,
      criteria: isObject(achievement.criteria) ? text(achievement.criteria.narrative) : null,
      creditsEarned: typeof subject.creditsEarned === 'number' ? subject.creditsEarned : null,
      result: asList(subject.result)
        .map((result) => (isObject(result) ? text(result.value) : null))
        .filter((value): value is string => Boolean(value)),
    },
  };
}

type Revocation = { state: 'ok' | 'revoked' | 'missing' | 'unknown_list' | 'bad_entry' };

async function revocationOf(app: Pick<AppContext, 'db' | 'config'>, institutionId: number, credentialStatus: unknown): Promise<Revocation> {
  const entries = asList(credentialStatus).filter(isObject);
  if (entries.length === 0) return { state: 'missing' };
  const entry = entries.find((candidate) => candidate.type === 'BitstringStatusListEntry' && candidate.statusPurpose === statusPurpose);
  if (!entry) return { state: 'bad_entry' };
  const listUrl = text(entry.statusListCredential) ?? '';
  const prefix = `${app.config.publicUrl}/api/public/status-lists/`;
  const listId = listUrl.startsWith(prefix) ? listUrl.slice(prefix.length) : '';
  if (!uuidPattern.test(listId)) return { state: 'unknown_list' };
  const [list] = await app.db
    .select()
    .from(credentialStatusLists)
    .where(and(eq(credentialStatusLists.id, listId), eq(credentialStatusLists.institutionId, institutionId)));
  if (!list) return { state: 'unknown_list' };
  const index = typeof entry.statusListIndex === 'string' && /^\d{1,10}$/.test(entry.statusListIndex) ? Number(entry.statusListIndex) : NaN;
  if (!(index >= 0 && index < list.size)) return { state: 'bad_entry' };
  // The bit the published list sets: the credential's outcome was reversed in the ledger.
  return { state: (await revokedIndexes(app.db, institutionId, list.id)).includes(index) ? 'revoked' : 'ok' };
}
