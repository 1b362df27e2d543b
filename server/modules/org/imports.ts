import { and, eq } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
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
import { allocateIds } from '../../db/sql.ts';
import { sealedAt, sealedPersonFields } from './sealed.ts';
import {
  defaultFirstWeek,
  isMajorCode,
  isPlainCode,
  isValidIdNumber,
  isValidMobile,
  majorLevelLabels,
  majorStatusLabels,
  termDatesProblem,
} from './rules.ts';
import { classes, clusters, departments, majors, professionalGroups, students, teachers, terms } from './schema.ts';
import './messages.ts';

type Values = ParsedRow['values'];
type DbRecord = Record<string, unknown>;

/** Code → id of the institution's departments, groups, majors, classes, teachers and clusters. */
interface Lookups {
  departments: Map<string, number>;
  groups: Map<string, number>;
  majors: Map<string, { id: number; code: string }>;
  classes: Map<string, { id: number; majorId: number }>;
  teachers: Map<string, number>;
  clusters: Map<string, number>;
}

/**
 * validate, plan and apply of one run read the same codes and rows; a commit runs all three in one
 * transaction on one run object, so they are read once per run.
 */
const lookupsOfRun = new WeakMap<ImportRunContext, Promise<Lookups>>();
function runLookups(run: ImportRunContext): Promise<Lookups> {
  let lookups = lookupsOfRun.get(run);
  if (!lookups) {
    lookups = loadLookups(run.db, run.institutionId);
    lookupsOfRun.set(run, lookups);
  }
  return lookups;
}

async function loadLookups(db: Db, institutionId: number): Promise<Lookups> {
  // One after another: during a commit these run on the transaction's single connection.
  const d = await db
    .select({ id: departments.id, code: departments.code })
    .from(departments)
    .where(eq(departments.institutionId, institutionId));
  const g = await db
    .select({ id: professionalGroups.id, code: professionalGroups.code })
    .from(professionalGroups)
    .where(eq(professionalGroups.institutionId, institutionId));
  const m = await db.select({ id: majors.id, code: majors.code }).from(majors).where(eq(majors.institutionId, institutionId));
  const c = await db
    .select({ id: classes.id, code: classes.code, majorId: classes.majorId })
    .from(classes)
    .where(eq(classes.institutionId, institutionId));
  const t = await db.select({ id: teachers.id, code: teachers.staffNo }).from(teachers).where(eq(teachers.institutionId, institutionId));
  const k = await db.select({ id: clusters.id, code: clusters.code }).from(clusters).where(eq(clusters.institutionId, institutionId));
  return {
    departments: new Map(d.map((row) => [row.code, row.id])),
    groups: new Map(g.map((row) => [row.code, row.id])),
    majors: new Map(m.map((row) => [row.code, row])),
    classes: new Map(c.map((row) => [row.code, { id: row.id, majorId: row.majorId }])),
    teachers: new Map(t.map((row) => [row.code, row.id])),
    clusters: new Map(k.map((row) => [row.code, row.id])),
  };
}

const text = (key: string, zh: string, en: string, example: string, options: Partial<ImportColumn> = {}): ImportColumn => ({
  key,
  header: { 'zh-CN': zh, en },
  required: false,
  kind: 'text',
  example,
  maxLength: 100,
  ...options,
});
const required = (column: ImportColumn): ImportColumn => ({ ...column, required: true });
const choices = (labels: Record<string, { 'zh-CN': string; en: string }>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

interface EntitySpec {
  entity: string;
  title: { 'zh-CN': string; en: string };
  auditEntity: string;
  table: PgTable;
  keyColumn: string;
  keyField: string;
  columns: ImportColumn[];
  /** People's rosters: read roles may export them, with ID numbers and phones masked unless they may see them. */
  personalData?: boolean;
  /** Domain checks on one row; pushes errors. */
  check(values: Values, lookups: Lookups, error: (column: string, key: RowError['messageKey'], params?: RowError['params']) => void): void;
  /** The row as database values (without institution and timestamps). */
  /** `rowId`: the row's id (drawn before the insert for a new row), to which its sealed values are bound. */
  toRecord(values: Values, lookups: Lookups, run: ImportRunContext, rowId: number): DbRecord;
  /** Fields compared to decide between update and unchanged (PII compared through its lookup hash). */
  compared: string[];
  /** Record → what an audit entry may show (no clear-text personal data). */
  auditView(record: DbRecord): DbRecord;
  exportRows(run: ImportRunContext, lookups: Lookups): Promise<Array<Record<string, string | number | boolean | null>>>;
  afterCommit?: () => void;
}

/** Sealed fields move together, and only when the value behind them (its lookup hash) changed. */
const sealedGroups = [
  ['idNumberHash', 'idNumberEnc', 'idNumberMasked'],
  ['phoneHash', 'phoneEnc', 'phoneMasked'],
] as const;

/** The fields of `record` that differ from the stored row: an update writes only these. */
function changedFields(stored: DbRecord, record: DbRecord): DbRecord {
  const changed: DbRecord = {};
  const sealed = new Set<string>(sealedGroups.flat());
  for (const [field, value] of Object.entries(record)) {
    if (field === 'institutionId' || sealed.has(field)) continue;
    if (String(stored[field] ?? null) !== String(value ?? null)) changed[field] = value;
  }
  for (const [hash, ...rest] of sealedGroups) {
    if (!(hash in record) || String(stored[hash] ?? null) === String(record[hash] ?? null)) continue;
    for (const field of [hash, ...rest]) changed[field] = record[field];
  }
  return changed;
}

/** id → code, for exports that must write codes back. */
function codeToId(map: Map<string, number | { id: number }>): Map<number, string> {
  const reverse = new Map<number, string>();
  for (const [code, value] of map) reverse.set(typeof value === 'number' ? value : value.id, code);
  return reverse;
}

function defineImport(spec: EntitySpec): ImportDefinition {
  const table = spec.table as PgTable & Record<string, PgColumn>;
  const keyCol = table[spec.keyField];
  const institutionCol = table.institutionId;

  const existingOfRun = new WeakMap<ImportRunContext, Promise<Map<string, DbRecord>>>();
  /** The institution's rows by code, read once per run (plan and apply of a commit share them). */
  function existingRows(run: ImportRunContext) {
    let rows = existingOfRun.get(run);
    if (!rows) {
      rows = (run.db.select().from(table).where(eq(institutionCol, run.institutionId)) as Promise<DbRecord[]>).then(
        (list) => new Map(list.map((row) => [String(row[spec.keyField]), row])),
      );
      existingOfRun.set(run, rows);
    }
    return rows;
  }

  function differs(existing: DbRecord, incoming: DbRecord): boolean {
    return spec.compared.some((field) => {
      const a = existing[field] ?? null;
      const b = incoming[field] ?? null;
      return String(a) !== String(b);
    });
  }

  return {
    entity: spec.entity,
    title: spec.title,
    keyColumn: spec.keyColumn,
    columns: spec.columns,
    permission: 'import.run',
    ...(spec.personalData ? { exportPermission: 'people.read' as const, personalDataPermission: 'people.pii' as const } : {}),
    maxRows: 50_000,
    async lockRows(tx, run, keys) {
      for (let start = 0; start < keys.length; start += 5000)
        await tx
          .select({ id: table.id! })
          .from(table)
          .where(and(eq(institutionCol, run.institutionId), inJsonList(keyCol, keys.slice(start, start + 5000), 'text')))
          .for('update');
    },
    async validate(run, rows) {
      const lookups = await runLookups(run);
      const errors: RowError[] = [];
      for (const row of rows) {
        spec.check(row.values, lookups, (column, messageKey, params) => errors.push({ row: row.row, column, messageKey, params }));
      }
      return errors;
    },
    async plan(run, rows) {
      const lookups = await runLookups(run);
      const existing = await existingRows(run);
      const actions = new Map<string, RowAction>();
      for (const row of rows) {
        const key = String(row.values[spec.keyColumn]);
        const current = existing.get(key);
        actions.set(
          key,
          !current ? 'create' : differs(current, spec.toRecord(row.values, lookups, run, current.id as number)) ? 'update' : 'unchanged',
        );
      }
      return actions;
    },
    async apply(tx, run, rows, actions) {
      const lookups = await runLookups(run);
      const existing = await existingRows(run);
      const inserts: DbRecord[] = [];
      const audits: AuditEntry[] = [];
      // New rows get their ids first: values sealed for a row are bound to its id.
      const creates = rows.filter((row) => actions.get(String(row.values[spec.keyColumn])) === 'create').length;
      const newIds = await allocateIds(tx, getTableConfig(spec.table).name, creates);
      for (const row of rows) {
        const key = String(row.values[spec.keyColumn]);
        const action = actions.get(key);
        if (action === 'unchanged' || !action) continue;
        const rowId = action === 'create' ? newIds[inserts.length]! : (existing.get(key)!.id as number);
        const record = {
          ...spec.toRecord(row.values, lookups, run, rowId),
          institutionId: run.institutionId,
          ...(action === 'create' ? { id: rowId } : {}),
        };
        if (action === 'create') {
          inserts.push(record);
          audits.push({
            action: `${spec.auditEntity}.import_create`,
            entity: spec.auditEntity,
            entityId: key,
            institutionId: run.institutionId,
            after: spec.auditView(record),
          });
        } else {
          const before = existing.get(key)!;
          const changed = changedFields(before, record);
          await tx
            .update(table)
            .set({ ...changed, updatedAt: new Date() })
            .where(and(eq(institutionCol, run.institutionId), eq(keyCol, key)));
          audits.push({
            action: `${spec.auditEntity}.import_update`,
            entity: spec.auditEntity,
            entityId: before.id as number,
            institutionId: run.institutionId,
            before: spec.auditView(Object.fromEntries(Object.keys(changed).map((field) => [field, before[field] ?? null]))),
            after: spec.auditView(changed),
          });
        }
      }
      // Multi-row INSERTs: one statement per row is an order of magnitude slower on both databases.
      for (let start = 0; start < inserts.length; start += 500) {
        await tx
          .insert(table)
          .overridingSystemValue()
          .values(inserts.slice(start, start + 500) as never);
      }
      await recordAuditMany(tx, run.request, audits);
    },
    async exportRows(run) {
      return spec.exportRows(run, await runLookups(run));
    },
    tableName: getTableConfig(spec.table).name,
    afterCommit: spec.afterCommit,
  };
}

// Shared column checks -------------------------------------------------------------------------

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function checkPlainCode(values: Values, column: string, error: (c: string, k: RowError['messageKey']) => void) {
  const value = values[column];
  if (typeof value === 'string' && !isPlainCode(value)) error(column, 'import.cell.bad_code');
}

function checkRef(
  values: Values,
  column: string,
  map: Map<string, unknown>,
  entity: string,
  error: (c: string, k: RowError['messageKey'], p?: RowError['params']) => void,
) {
  const value = values[column];
  if (typeof value === 'string' && !map.has(value)) error(column, 'import.cell.unknown_ref', { entity, code: value });
}

function checkPii(values: Values, error: (c: string, k: RowError['messageKey']) => void) {
  if (typeof values.idNumber === 'string' && !isValidIdNumber(values.idNumber)) error('idNumber', 'import.cell.bad_id_number');
  if (typeof values.phone === 'string' && !isValidMobile(values.phone)) error('phone', 'import.cell.bad_phone');
}

/** Personal data sealed for its row; the lookup hash (and the masked phone) drive the unchanged comparison. */
function piiFields(values: Values, run: ImportRunContext, table: 'students' | 'teachers', rowId: number) {
  return sealedPersonFields(run.pii, table, rowId, {
    idNumber: typeof values.idNumber === 'string' ? values.idNumber : null,
    phone: typeof values.phone === 'string' ? values.phone : null,
  });
}

/** A person's ID number or phone in clear, for an export to someone who may see it. */
function opened(
  run: ImportRunContext,
  table: 'students' | 'teachers',
  row: { id: number; idNumberEnc: string | null; phoneEnc: string | null },
  column: 'id_number_enc' | 'phone_enc',
) {
  const sealed = column === 'id_number_enc' ? row.idNumberEnc : row.phoneEnc;
  return sealed ? run.pii.decrypt(sealed, sealedAt(table, column, row.id)) : null;
}

function withoutSecrets(record: DbRecord): DbRecord {
  const { idNumberEnc, idNumberHash, phoneEnc, phoneHash, ...rest } = record;
  return rest;
}

const genderChoices = [
  { value: 'M', label: { 'zh-CN': '男', en: 'Male' } },
  { value: 'F', label: { 'zh-CN': '女', en: 'Female' } },
];

const idColumn = text('idNumber', '身份证号', 'ID number', '120101200401011233', {
  digitsAsText: true,
  maxLength: 18,
  width: 22,
  personal: 'id_number',
});
const phoneColumn = text('phone', '手机号', 'Mobile', '13812345678', { digitsAsText: true, maxLength: 11, width: 16, personal: 'phone' });

export function orgImportDefinitions(onStructureChange: () => void): ImportDefinition[] {
  const departmentImport = defineImport({
    entity: 'departments',
    title: { 'zh-CN': '系部', en: 'Departments' },
    auditEntity: 'department',
    table: departments,
    keyColumn: 'code',
    keyField: 'code',
    columns: [
      required(text('code', '系部代码', 'Department code', 'GYJS', { maxLength: 40 })),
      required(text('name', '系部名称', 'Department name', '工业技术系')),
      {
        ...text('kind', '类型', 'Kind', '系'),
        kind: 'choice',
        clearable: false,
        choices: [
          { value: 'department', label: { 'zh-CN': '系', en: 'Department' } },
          { value: 'secondary_college', label: { 'zh-CN': '二级学院', en: 'Secondary college' } },
          { value: 'campus_unit', label: { 'zh-CN': '校区教学部', en: 'Campus unit' } },
        ],
      },
    ],
    check: (values, _lookups, error) => checkPlainCode(values, 'code', error),
    toRecord: (values) => ({ code: values.code, name: values.name, kind: values.kind ?? 'department' }),
    compared: ['name', 'kind'],
    auditView: (record) => record,
    exportRows: async (run) =>
      (await run.db.select().from(departments).where(eq(departments.institutionId, run.institutionId)).orderBy(departments.code)).map(
        (row) => ({ code: row.code, name: row.name, kind: row.kind }),
      ),
  });

  const clusterImport = defineImport({
    entity: 'clusters',
    title: { 'zh-CN': '专业集群', en: 'Clusters' },
    auditEntity: 'cluster',
    table: clusters,
    keyColumn: 'code',
    keyField: 'code',
    columns: [
      required(text('code', '集群代码', 'Cluster code', 'LSZNZZ', { maxLength: 40 })),
      required(text('name', '集群名称', 'Cluster name', '绿色智能制造（冶金方向）专业集群')),
      text('formedOn', '组建日期', 'Formed on', '2023-09-01', { maxLength: 10 }),
      text('description', '简介', 'Description', '', { maxLength: 2000, width: 40 }),
    ],
    check(values, _lookups, error) {
      checkPlainCode(values, 'code', error);
      if (typeof values.formedOn === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(values.formedOn)) error('formedOn', 'import.cell.bad_date');
    },
    toRecord: (values) => ({
      code: values.code,
      name: values.name,
      formedOn: values.formedOn ?? null,
      description: values.description ?? null,
    }),
    compared: ['name', 'formedOn', 'description'],
    auditView: (record) => record,
    exportRows: async (run) =>
      (await run.db.select().from(clusters).where(eq(clusters.institutionId, run.institutionId)).orderBy(clusters.code)).map((row) => ({
        code: row.code,
        name: row.name,
        formedOn: row.formedOn,
        description: row.description,
      })),
    afterCommit: onStructureChange,
  });

  const groupImport = defineImport({
    entity: 'groups',
    title: { 'zh-CN': '专业群', en: 'Professional groups' },
    auditEntity: 'group',
    table: professionalGroups,
    keyColumn: 'code',
    keyField: 'code',
    columns: [
      required(text('code', '专业群代码', 'Group code', 'YJ', { maxLength: 40 })),
      required(text('name', '专业群名称', 'Group name', '钢铁智能冶金专业群')),
      text('shortName', '简称', 'Short name', '冶金', { maxLength: 20 }),
      text('clusterCode', '所属专业集群代码', 'Cluster code', 'LSZNZZ', { maxLength: 40 }),
      text('departmentCode', '牵头系部代码', 'Lead department code', 'GYJS', { maxLength: 40 }),
      text('coreMajorCode', '核心专业代码', 'Core major code', '430401', { maxLength: 6 }),
      text('industryChain', '面向产业链', 'Industry chain served', '钢铁冶金产业链'),
    ],
    check(values, lookups, error) {
      checkPlainCode(values, 'code', error);
      checkRef(values, 'clusterCode', lookups.clusters, '专业集群', error);
      checkRef(values, 'departmentCode', lookups.departments, '系部', error);
      if (typeof values.coreMajorCode === 'string' && !isMajorCode(values.coreMajorCode))
        error('coreMajorCode', 'import.cell.bad_major_code');
    },
    toRecord: (values, lookups) => ({
      code: values.code,
      name: values.name,
      shortName: values.shortName ?? null,
      clusterId: values.clusterCode ? lookups.clusters.get(String(values.clusterCode)) : null,
      departmentId: values.departmentCode ? lookups.departments.get(String(values.departmentCode)) : null,
      coreMajorCode: values.coreMajorCode ?? null,
      industryChain: values.industryChain ?? null,
    }),
    compared: ['name', 'shortName', 'clusterId', 'departmentId', 'coreMajorCode', 'industryChain'],
    auditView: (record) => record,
    async exportRows(run, lookups) {
      const clusterCodes = codeToId(lookups.clusters);
      const departmentCodes = codeToId(lookups.departments);
      return (
        await run.db
          .select()
          .from(professionalGroups)
          .where(eq(professionalGroups.institutionId, run.institutionId))
          .orderBy(professionalGroups.code)
      ).map((row) => ({
        code: row.code,
        name: row.name,
        shortName: row.shortName,
        clusterCode: row.clusterId ? (clusterCodes.get(row.clusterId) ?? null) : null,
        departmentCode: row.departmentId ? (departmentCodes.get(row.departmentId) ?? null) : null,
        coreMajorCode: row.coreMajorCode,
        industryChain: row.industryChain,
      }));
    },
    afterCommit: onStructureChange,
  });

  const majorImport = defineImport({
    entity: 'majors',
    title: { 'zh-CN': '专业', en: 'Majors' },
    auditEntity: 'major',
    table: majors,
    keyColumn: 'code',
    keyField: 'code',
    columns: [
      required(text('code', '专业代码', 'Major code', '430401', { maxLength: 6, digitsAsText: true })),
      required(text('name', '专业名称', 'Major name', '钢铁智能冶金技术')),
      text('departmentCode', '所属系部代码', 'Department code', 'GYJS', { maxLength: 40 }),
      text('groupCode', '所属专业群代码', 'Group code', 'YJ', { maxLength: 40 }),
      { ...text('level', '层次', 'Level', '高职'), kind: 'choice', clearable: false, choices: choices(majorLevelLabels) },
      { ...text('firstEnrolmentYear', '首次招生年份', 'First enrolment year', '2005'), kind: 'integer', min: 1949, max: 2100 },
      { ...text('status', '状态', 'Status', '招生'), kind: 'choice', clearable: false, choices: choices(majorStatusLabels) },
    ],
    check(values, lookups, error) {
      if (typeof values.code === 'string' && !isMajorCode(values.code)) error('code', 'import.cell.bad_major_code');
      checkRef(values, 'departmentCode', lookups.departments, '系部', error);
      checkRef(values, 'groupCode', lookups.groups, '专业群', error);
    },
    toRecord: (values, lookups) => ({
      code: values.code,
      name: values.name,
      departmentId: values.departmentCode ? lookups.departments.get(String(values.departmentCode)) : null,
      groupId: values.groupCode ? lookups.groups.get(String(values.groupCode)) : null,
      level: values.level ?? 'higher_vocational',
      firstEnrolmentYear: values.firstEnrolmentYear ?? null,
      status: values.status ?? 'enrolling',
    }),
    compared: ['name', 'departmentId', 'groupId', 'level', 'firstEnrolmentYear', 'status'],
    auditView: (record) => record,
    async exportRows(run, lookups) {
      const departmentCodes = codeToId(lookups.departments);
      const groupCodes = codeToId(lookups.groups);
      return (await run.db.select().from(majors).where(eq(majors.institutionId, run.institutionId)).orderBy(majors.code)).map((row) => ({
        code: row.code,
        name: row.name,
        departmentCode: row.departmentId ? (departmentCodes.get(row.departmentId) ?? null) : null,
        groupCode: row.groupId ? (groupCodes.get(row.groupId) ?? null) : null,
        level: row.level,
        firstEnrolmentYear: row.firstEnrolmentYear,
        status: row.status,
      }));
    },
    afterCommit: onStructureChange,
  });

  const classImport = defineImport({
    entity: 'classes',
    title: { 'zh-CN': '行政班', en: 'Classes' },
    auditEntity: 'class',
    table: classes,
    keyColumn: 'code',
    keyField: 'code',
    columns: [
      required(text('code', '班级代码', 'Class code', 'YJ2024-1', { maxLength: 40 })),
      required(text('name', '班级名称', 'Class name', '钢铁智能冶金技术2024级1班')),
      required(text('majorCode', '专业代码', 'Major code', '430401', { maxLength: 6, digitsAsText: true })),
      required({ ...text('cohortYear', '年级', 'Cohort year', '2024'), kind: 'integer', min: 1990, max: 2100 }),
      text('headTeacherStaffNo', '班主任工号', 'Head teacher staff no.', 'T00001', { maxLength: 40 }),
    ],
    check(values, lookups, error) {
      checkPlainCode(values, 'code', error);
      checkRef(values, 'majorCode', lookups.majors, '专业', error);
      checkRef(values, 'headTeacherStaffNo', lookups.teachers, '教师工号', error);
    },
    toRecord: (values, lookups) => ({
      code: values.code,
      name: values.name,
      majorId: lookups.majors.get(String(values.majorCode))!.id,
      cohortYear: values.cohortYear,
      headTeacherId: values.headTeacherStaffNo ? lookups.teachers.get(String(values.headTeacherStaffNo)) : null,
    }),
    compared: ['name', 'majorId', 'cohortYear', 'headTeacherId'],
    auditView: (record) => record,
    async exportRows(run, lookups) {
      const majorCodes = codeToId(lookups.majors);
      const teacherCodes = codeToId(lookups.teachers);
      return (await run.db.select().from(classes).where(eq(classes.institutionId, run.institutionId)).orderBy(classes.code)).map((row) => ({
        code: row.code,
        name: row.name,
        majorCode: majorCodes.get(row.majorId) ?? null,
        cohortYear: row.cohortYear,
        headTeacherStaffNo: row.headTeacherId ? (teacherCodes.get(row.headTeacherId) ?? null) : null,
      }));
    },
  });

  const teacherImport = defineImport({
    entity: 'teachers',
    title: { 'zh-CN': '教师', en: 'Teachers' },
    auditEntity: 'teacher',
    table: teachers,
    personalData: true,
    keyColumn: 'staffNo',
    keyField: 'staffNo',
    columns: [
      required(text('staffNo', '工号', 'Staff no.', 'T0001', { maxLength: 40 })),
      required(text('name', '姓名', 'Name', '张伟', { maxLength: 50 })),
      { ...text('gender', '性别', 'Gender', '男'), kind: 'choice', choices: genderChoices },
      text('departmentCode', '所属系部代码', 'Department code', 'GYJS', { maxLength: 40 }),
      text('homeGroupCode', '所属专业群代码', 'Home group code', 'YJ', { maxLength: 40 }),
      text('title', '职称', 'Title', '副教授', { maxLength: 30 }),
      { ...text('isDualQualified', '双师型', 'Dual-qualified', '是'), kind: 'boolean', clearable: false },
      idColumn,
      phoneColumn,
      text('email', '电子邮箱', 'Email', 'zhangwei@example.edu.cn'),
    ],
    check(values, lookups, error) {
      checkPlainCode(values, 'staffNo', error);
      checkRef(values, 'departmentCode', lookups.departments, '系部', error);
      checkRef(values, 'homeGroupCode', lookups.groups, '专业群', error);
      checkPii(values, error);
    },
    toRecord: (values, lookups, run, rowId) => {
      const pii = piiFields(values, run, 'teachers', rowId);
      return {
        staffNo: values.staffNo,
        name: values.name,
        gender: values.gender ?? null,
        departmentId: values.departmentCode ? lookups.departments.get(String(values.departmentCode)) : null,
        homeGroupId: values.homeGroupCode ? lookups.groups.get(String(values.homeGroupCode)) : null,
        title: values.title ?? null,
        isDualQualified: values.isDualQualified ?? false,
        email: values.email ?? null,
        ...pii,
      };
    },
    compared: ['name', 'gender', 'departmentId', 'homeGroupId', 'title', 'isDualQualified', 'email', 'idNumberHash', 'phoneHash'],
    auditView: withoutSecrets,
    async exportRows(run, lookups) {
      const departmentCodes = codeToId(lookups.departments);
      const groupCodes = codeToId(lookups.groups);
      return (await run.db.select().from(teachers).where(eq(teachers.institutionId, run.institutionId)).orderBy(teachers.staffNo)).map(
        (row) => ({
          staffNo: row.staffNo,
          name: row.name,
          gender: row.gender,
          departmentCode: row.departmentId ? (departmentCodes.get(row.departmentId) ?? null) : null,
          homeGroupCode: row.homeGroupId ? (groupCodes.get(row.homeGroupId) ?? null) : null,
          title: row.title,
          isDualQualified: row.isDualQualified,
          idNumber: run.revealPersonalData ? opened(run, 'teachers', row, 'id_number_enc') : row.idNumberMasked,
          phone: run.revealPersonalData ? opened(run, 'teachers', row, 'phone_enc') : row.phoneMasked,
          email: row.email,
        }),
      );
    },
  });

  const studentImport = defineImport({
    entity: 'students',
    title: { 'zh-CN': '学生', en: 'Students' },
    auditEntity: 'student',
    table: students,
    personalData: true,
    keyColumn: 'studentNo',
    keyField: 'studentNo',
    columns: [
      required(text('studentNo', '学号', 'Student no.', '2024430401001', { maxLength: 40, digitsAsText: true })),
      required(text('name', '姓名', 'Name', '李娜', { maxLength: 50 })),
      { ...text('gender', '性别', 'Gender', '女'), kind: 'choice', choices: genderChoices },
      required({ ...text('cohortYear', '年级', 'Cohort year', '2024'), kind: 'integer', min: 1990, max: 2100 }),
      required(text('majorCode', '专业代码', 'Major code', '430401', { maxLength: 6, digitsAsText: true })),
      text('classCode', '班级代码', 'Class code', '430401-2024-1', { maxLength: 40 }),
      {
        ...text('status', '学籍状态', 'Status', '在读'),
        kind: 'choice',
        clearable: false,
        choices: [
          { value: 'enrolled', label: { 'zh-CN': '在读', en: 'Enrolled' } },
          { value: 'suspended', label: { 'zh-CN': '休学', en: 'Suspended' } },
          { value: 'graduated', label: { 'zh-CN': '毕业', en: 'Graduated' } },
          { value: 'withdrawn', label: { 'zh-CN': '退学', en: 'Withdrawn' } },
        ],
      },
      idColumn,
      phoneColumn,
    ],
    check(values, lookups, error) {
      checkPlainCode(values, 'studentNo', error);
      checkRef(values, 'majorCode', lookups.majors, '专业', error);
      checkRef(values, 'classCode', lookups.classes, '班级', error);
      const klass = typeof values.classCode === 'string' ? lookups.classes.get(values.classCode) : undefined;
      const major = typeof values.majorCode === 'string' ? lookups.majors.get(values.majorCode) : undefined;
      if (klass && major && klass.majorId !== major.id) error('classCode', 'import.cell.mismatch', { field: '班级', other: '专业' });
      checkPii(values, error);
    },
    toRecord: (values, lookups, run, rowId) => {
      const pii = piiFields(values, run, 'students', rowId);
      return {
        studentNo: values.studentNo,
        name: values.name,
        gender: values.gender ?? null,
        cohortYear: values.cohortYear,
        majorId: lookups.majors.get(String(values.majorCode))!.id,
        classId: values.classCode ? lookups.classes.get(String(values.classCode))!.id : null,
        status: values.status ?? 'enrolled',
        ...pii,
      };
    },
    compared: ['name', 'gender', 'cohortYear', 'majorId', 'classId', 'status', 'idNumberHash', 'phoneHash'],
    auditView: withoutSecrets,
    async exportRows(run, lookups) {
      const majorCodes = codeToId(lookups.majors);
      const classCodes = codeToId(lookups.classes);
      return (await run.db.select().from(students).where(eq(students.institutionId, run.institutionId)).orderBy(students.studentNo)).map(
        (row) => ({
          studentNo: row.studentNo,
          name: row.name,
          gender: row.gender,
          cohortYear: row.cohortYear,
          majorCode: majorCodes.get(row.majorId) ?? null,
          classCode: row.classId ? (classCodes.get(row.classId) ?? null) : null,
          status: row.status,
          idNumber: run.revealPersonalData ? opened(run, 'students', row, 'id_number_enc') : row.idNumberMasked,
          phone: run.revealPersonalData ? opened(run, 'students', row, 'phone_enc') : row.phoneMasked,
        }),
      );
    },
  });

  const termImport = defineImport({
    entity: 'terms',
    title: { 'zh-CN': '学年学期', en: 'Terms' },
    auditEntity: 'term',
    table: terms,
    keyColumn: 'code',
    keyField: 'code',
    columns: [
      required(text('code', '学期代码', 'Term code', '2026-2027-1', { maxLength: 11 })),
      required(text('startsOn', '开始日期', 'Starts on', '2026-09-01', { maxLength: 10 })),
      required(text('endsOn', '结束日期', 'Ends on', '2027-01-17', { maxLength: 10 })),
      // Always has a value: a new row without it gets the first Monday of the term, an empty cell keeps it.
      text('firstWeekStartsOn', '第一教学周周一', 'Monday of teaching week 1', '2026-09-07', {
        maxLength: 10,
        clearable: false,
        width: 18,
      }),
    ],
    check(values, _lookups, error) {
      const code = values.code;
      if (typeof code === 'string' && (!/^[0-9]{4}-[0-9]{4}-[12]$/.test(code) || Number(code.slice(5, 9)) !== Number(code.slice(0, 4)) + 1))
        error('code', 'import.cell.bad_term_code');
      const dateColumns = ['startsOn', 'endsOn', 'firstWeekStartsOn'] as const;
      let datesWellFormed = true;
      for (const column of dateColumns) {
        const value = values[column];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'string' || !isCalendarDay(value)) {
          error(column, 'import.cell.bad_date');
          datesWellFormed = false;
        }
      }
      if (!datesWellFormed || typeof values.startsOn !== 'string' || typeof values.endsOn !== 'string') return;
      const found = termDatesProblem({
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        firstWeekStartsOn: typeof values.firstWeekStartsOn === 'string' ? values.firstWeekStartsOn : defaultFirstWeek(values.startsOn),
      });
      if (found) error(found.field, found.problem);
    },
    toRecord: (values) => {
      const code = String(values.code);
      return {
        code,
        academicYear: code.slice(0, 9),
        termNo: Number(code.slice(10)),
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        firstWeekStartsOn: values.firstWeekStartsOn ?? defaultFirstWeek(String(values.startsOn)),
      };
    },
    compared: ['startsOn', 'endsOn', 'firstWeekStartsOn'],
    auditView: (record) => record,
    exportRows: async (run) =>
      (await run.db.select().from(terms).where(eq(terms.institutionId, run.institutionId)).orderBy(terms.code)).map((row) => ({
        code: row.code,
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        firstWeekStartsOn: row.firstWeekStartsOn,
      })),
  });

  return [departmentImport, clusterImport, groupImport, majorImport, classImport, teacherImport, studentImport, termImport];
}
