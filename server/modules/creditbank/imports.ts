/**
 * 证书成绩导入: the issuing body's spreadsheet of certificate results, through the platform's import
 * engine (template, preview with every bad row, all-or-none commit, bad-rows download).
 *
 * - A row that is malformed (unknown certificate, level the certificate lacks, bad ID number or
 *   date) is a bad row: the file is fixed and uploaded again.
 * - A well-formed row is matched to a student on ID number and name. A match is granted into the
 *   ledger at once (the body's register is the evidence); a mismatch goes to the review queue
 *   (certificate_import_reviews) for a person to decide. Nothing is dropped or guessed.
 * - Rows are keyed on the outcome's identity (certificate + normalised number), so importing the
 *   same file again finds every row on record and adds nothing.
 */
import { and, eq, sql } from 'drizzle-orm';
import { inJsonList, type Db } from '../../db/connection.ts';
import { recordAuditMany, type AuditEntry } from '../../platform/audit.ts';
import type {
  ImportColumn,
  ImportDefinition,
  ImportRunContext,
  ParsedRow,
  RowAction,
  RowError,
} from '../../platform/imports/definition.ts';
import { maskIdNumber } from '../../platform/pii.ts';
import { isValidIdNumber } from '../org/rules.ts';
import { sealedAt, studentIdentities, studentsByIdNumberHashes } from '../org/read.ts';
import { grantCertificateOutcomes, type CertificateForGrant, type CertificateOutcomeToGrant } from './bulk-grant.ts';
import {
  certificateLevelLabels,
  certificateLevels,
  matchResult,
  outcomeIdentity,
  parseIssueDate,
  type CertificateLevel,
  type ResultMatch,
} from './rules.ts';
import { certificateImportReviews, certificates, learningOutcomes } from './schema.ts';
import { allocateIds } from '../../db/sql.ts';

interface CatalogueCertificate extends CertificateForGrant {
  code: string;
  name: string;
  levels: string[];
  status: string;
}

/** A well-formed row, read once per run. */
interface ResultRow {
  row: number;
  name: string;
  idNumber: string;
  idNumberHash: string;
  certificate: CatalogueCertificate;
  level: CertificateLevel;
  certificateNo: string;
  issuedOn: string | null;
  issuer: string | null;
  identityKey: string;
}

const column = (key: string, zh: string, en: string, example: string, options: Partial<ImportColumn> = {}): ImportColumn => ({
  key,
  header: { 'zh-CN': zh, en },
  required: true,
  kind: 'text',
  example,
  maxLength: 60,
  ...options,
});

const columns: ImportColumn[] = [
  column('name', '姓名', 'Name', '王海涛', { maxLength: 50, width: 14 }),
  column('idNumber', '身份证号', 'ID number', '120101200401011233', { digitsAsText: true, maxLength: 18, width: 22 }),
  column('certificateCode', '证书代码', 'Certificate code', '1X-GYHLW-WLYW', { maxLength: 40, width: 18 }),
  column('level', '等级', 'Level', '中级', {
    kind: 'choice',
    choices: certificateLevels.map((value) => ({ value, label: certificateLevelLabels[value] })),
    width: 12,
  }),
  column('certificateNo', '证书编号', 'Certificate number', 'TJ-2026-0001234', { width: 22 }),
  column('issuedOn', '发证日期', 'Issue date', '2026-06-30', { required: false, maxLength: 20, width: 14 }),
  column('issuer', '发证机构', 'Issued by', '天津市职业技能鉴定指导中心', { required: false, maxLength: 100, width: 28 }),
];

interface RunState {
  catalogue: Map<string, CatalogueCertificate>;
  /** Parsed rows by row number; matches by ID-number hash. */
  results: Map<number, ResultRow>;
  matches: Map<string, Array<{ id: number; name: string }>>;
  /** Identity keys already on record (as outcomes or in the review queue). */
  onRecord: Set<string>;
}

const stateOfRun = new WeakMap<ImportRunContext, Promise<RunState>>();

function runState(run: ImportRunContext, rows: ParsedRow[]): Promise<RunState> {
  let state = stateOfRun.get(run);
  if (!state) {
    state = loadState(run, rows);
    stateOfRun.set(run, state);
  }
  return state;
}

async function loadState(run: ImportRunContext, rows: ParsedRow[]): Promise<RunState> {
  const catalogueRows = await run.db
    .select({
      id: certificates.id,
      code: certificates.code,
      name: certificates.name,
      clusterId: certificates.clusterId,
      ownerGroupId: certificates.ownerGroupId,
      levels: certificates.levels,
      status: certificates.status,
    })
    .from(certificates)
    .where(eq(certificates.institutionId, run.institutionId));
  const catalogue = new Map(catalogueRows.map((row) => [row.code.toUpperCase(), row]));
  const results = new Map<number, ResultRow>();
  for (const parsed of rows) {
    const result = readRow(run, parsed, catalogue);
    if (result) results.set(parsed.row, result);
  }
  // One after another: during a commit these run on the transaction's single connection.
  const hashes = [...new Set([...results.values()].map((result) => result.idNumberHash))];
  const matches = new Map<string, Array<{ id: number; name: string }>>();
  for (const student of await studentsByIdNumberHashes(run.db, run.institutionId, hashes)) {
    const list = matches.get(student.idNumberHash!) ?? [];
    list.push({ id: student.id, name: student.name });
    matches.set(student.idNumberHash!, list);
  }
  const keys = [...new Set([...results.values()].map((result) => result.identityKey))];
  const outcomes = await run.db
    .select({ key: learningOutcomes.identityKey })
    .from(learningOutcomes)
    .where(
      and(
        eq(learningOutcomes.institutionId, run.institutionId),
        inJsonList(learningOutcomes.identityKey, keys, 'text'),
        sql`${learningOutcomes.status} <> 'rejected'`,
      ),
    );
  const reviews = await run.db
    .select({ key: certificateImportReviews.identityKey })
    .from(certificateImportReviews)
    .where(
      and(eq(certificateImportReviews.institutionId, run.institutionId), inJsonList(certificateImportReviews.identityKey, keys, 'text')),
    );
  return { catalogue, results, matches, onRecord: new Set([...outcomes, ...reviews].map((row) => row.key)) };
}

/** The row's values when they are all well-formed; null otherwise (validate names the problems). */
function readRow(run: ImportRunContext, parsed: ParsedRow, catalogue: Map<string, CatalogueCertificate>): ResultRow | null {
  const values = parsed.values;
  const certificate = typeof values.certificateCode === 'string' ? catalogue.get(values.certificateCode.toUpperCase()) : undefined;
  const idNumber = typeof values.idNumber === 'string' ? values.idNumber.toUpperCase() : null;
  const level = values.level as CertificateLevel | null;
  const issuedOn = typeof values.issuedOn === 'string' ? parseIssueDate(values.issuedOn) : null;
  if (!certificate || certificate.status !== 'active' || !level || !certificate.levels.includes(level)) return null;
  if (!idNumber || !isValidIdNumber(idNumber) || typeof values.name !== 'string' || typeof values.certificateNo !== 'string') return null;
  if (typeof values.issuedOn === 'string' && !issuedOn) return null;
  return {
    row: parsed.row,
    name: values.name,
    idNumber,
    idNumberHash: run.pii.lookupHash(idNumber),
    certificate,
    level,
    certificateNo: values.certificateNo,
    issuedOn,
    issuer: typeof values.issuer === 'string' ? values.issuer : null,
    identityKey: outcomeIdentity({ kind: 'certificate', certificateId: certificate.id, certificateNo: values.certificateNo }),
  };
}

function matchOf(state: RunState, result: ResultRow): ResultMatch {
  return matchResult(result.name, state.matches.get(result.idNumberHash) ?? []);
}

const reasonLabels: Record<Exclude<ResultMatch, { matched: true }>['reason'], string> = {
  id_not_found: '本校无此身份证号的学生',
  name_mismatch: '身份证号对应学生的姓名与成绩单不一致',
  ambiguous: '多名学生登记了同一身份证号',
};

export function certificateResultsImport(): ImportDefinition {
  return {
    entity: 'certificate_results',
    title: { 'zh-CN': '证书成绩（发证机构）', en: 'Certificate results (issuing body)' },
    keyColumn: 'certificateNo',
    columns,
    permission: 'creditbank.review',
    personalDataPermission: 'people.pii',
    maxRows: 50_000,
    // An issuing body's results only add outcomes; one on record is never changed by a file.
    updates: false,
    async validate(run, rows) {
      const state = await runState(run, rows);
      const errors: RowError[] = [];
      for (const parsed of rows) {
        if (state.results.has(parsed.row)) continue;
        const values = parsed.values;
        const error = (column: string, messageKey: RowError['messageKey'], params?: RowError['params']) =>
          errors.push({ row: parsed.row, column, messageKey, params });
        const code = values.certificateCode;
        const certificate = typeof code === 'string' ? state.catalogue.get(code.toUpperCase()) : undefined;
        if (typeof code === 'string' && (!certificate || certificate.status !== 'active'))
          error('certificateCode', 'import.cell.unknown_ref', { entity: '证书', code });
        if (certificate && typeof values.level === 'string' && !certificate.levels.includes(values.level)) {
          error('level', 'creditbank.claim.level_not_offered', {
            name: certificate.name,
            level: certificateLevelLabels[values.level as CertificateLevel]['zh-CN'],
          });
        }
        if (typeof values.idNumber === 'string' && !isValidIdNumber(values.idNumber.toUpperCase()))
          error('idNumber', 'import.cell.bad_id_number');
        if (typeof values.issuedOn === 'string' && !parseIssueDate(values.issuedOn)) error('issuedOn', 'creditbank.import.bad_date');
      }
      return errors;
    },
    async plan(run, rows) {
      const state = await runState(run, rows);
      const actions = new Map<string, RowAction>();
      for (const parsed of rows) {
        const result = state.results.get(parsed.row);
        if (result) actions.set(String(parsed.values.certificateNo), state.onRecord.has(result.identityKey) ? 'unchanged' : 'create');
      }
      return actions;
    },
    async notes(run, rows, actions) {
      const state = await runState(run, rows);
      let matched = 0;
      let review = 0;
      for (const parsed of rows) {
        const result = state.results.get(parsed.row);
        if (!result || actions.get(String(parsed.values.certificateNo)) !== 'create') continue;
        if (matchOf(state, result).matched) matched += 1;
        else review += 1;
      }
      return [
        { key: 'matched', label: { 'zh-CN': '匹配到学生、将登记入账', en: 'Matched to a student, to be granted' }, count: matched },
        {
          key: 'review',
          label: { 'zh-CN': '身份证号或姓名不符、转人工核对', en: 'ID number or name does not match: to the review queue' },
          count: review,
        },
      ];
    },
    async apply(tx, run, rows, actions) {
      const state = await runState(run, rows);
      const toGrant: CertificateOutcomeToGrant[] = [];
      const toReview: Array<Omit<typeof certificateImportReviews.$inferInsert, 'idNumberEnc'> & { idNumber: string }> = [];
      const actor = run.request.actor!.userId;
      for (const parsed of rows) {
        const result = state.results.get(parsed.row);
        if (!result || actions.get(String(parsed.values.certificateNo)) !== 'create') continue;
        const match = matchOf(state, result);
        if (match.matched) {
          toGrant.push({
            studentId: match.studentId,
            certificate: result.certificate,
            level: result.level,
            certificateNo: result.certificateNo,
            identityKey: result.identityKey,
            issuedOn: result.issuedOn,
            evidence: { register: '发证机构成绩单', issuer: result.issuer, batchId: run.batchId, row: result.row },
          });
        } else {
          toReview.push({
            institutionId: run.institutionId,
            importBatchId: run.batchId,
            rowNo: result.row,
            identityKey: result.identityKey,
            certificateId: result.certificate.id,
            level: result.level,
            certificateNo: result.certificateNo,
            issuedOn: result.issuedOn,
            personName: result.name,
            idNumber: result.idNumber,
            idNumberMasked: maskIdNumber(result.idNumber),
            idNumberHash: result.idNumberHash,
            reason: match.reason,
            candidateStudentId: match.candidateStudentId,
            createdBy: actor,
          });
        }
      }
      const granted = await grantCertificateOutcomes(tx, run.institutionId, actor, run.batchId, toGrant);
      // Each ID number is sealed for its own review row, whose id is therefore drawn first.
      const reviewIds = await allocateIds(tx, 'certificate_import_reviews', toReview.length);
      const reviewRows = toReview.map(({ idNumber, ...row }, index) => {
        const id = reviewIds[index]!;
        return {
          ...row,
          id,
          idNumberEnc: run.pii.encrypt(idNumber, { table: 'certificate_import_reviews', column: 'id_number_enc', rowId: id }),
        };
      });
      for (let start = 0; start < reviewRows.length; start += 1000)
        await tx
          .insert(certificateImportReviews)
          .overridingSystemValue()
          .values(reviewRows.slice(start, start + 1000));
      const audits: AuditEntry[] = [
        ...granted.outcomes.map((outcome): AuditEntry => ({
          action: 'creditbank.import.grant',
          entity: 'learning_outcome',
          entityId: outcome.id,
          institutionId: run.institutionId,
          summary: `发证机构成绩导入：登记证书成果，置换 ${outcome.credits} 学分${outcome.refused ? `（${outcome.refused}）` : ''}`,
          after: { identityKey: outcome.identityKey, credits: outcome.credits },
        })),
        ...toReview.map((review): AuditEntry => ({
          action: 'creditbank.import.review',
          entity: 'certificate_import_review',
          entityId: review.identityKey,
          institutionId: run.institutionId,
          summary: `发证机构成绩第 ${review.rowNo} 行转人工核对：${reasonLabels[review.reason as keyof typeof reasonLabels]}`,
          after: { reason: review.reason, idNumber: review.idNumberMasked, name: review.personName },
        })),
      ];
      await recordAuditMany(tx, run.request, audits);
    },
    async exportRows(run) {
      return exportCertificateResults(run.db, run);
    },
    tableName: 'learning_outcomes',
  };
}

/** The institution's certificate outcomes on record, in the issuing body's shape (re-imports as unchanged). */
async function exportCertificateResults(db: Db, run: ImportRunContext) {
  const rows = await db
    .select({
      studentId: learningOutcomes.studentId,
      code: certificates.code,
      level: learningOutcomes.level,
      certificateNo: learningOutcomes.certificateNo,
      issuedOn: learningOutcomes.issuedOn,
    })
    .from(learningOutcomes)
    .innerJoin(certificates, eq(certificates.id, learningOutcomes.certificateId))
    .where(
      and(
        eq(learningOutcomes.institutionId, run.institutionId),
        eq(learningOutcomes.kind, 'certificate'),
        sql`${learningOutcomes.status} IN ('submitted', 'verified', 'granted')`,
      ),
    )
    .orderBy(learningOutcomes.id);
  const people = new Map(
    (await studentIdentities(db, [...new Set(rows.map((row) => row.studentId))])).map((student) => [student.id, student]),
  );
  return rows.map((row) => {
    const person = people.get(row.studentId);
    return {
      name: person?.name ?? null,
      idNumber: !person?.idNumberEnc
        ? null
        : run.revealPersonalData
          ? run.pii.decrypt(person.idNumberEnc, sealedAt('students', 'id_number_enc', person.id))
          : person.idNumberMasked,
      certificateCode: row.code,
      level: row.level,
      certificateNo: row.certificateNo,
      issuedOn: row.issuedOn,
      issuer: null,
    };
  });
}
