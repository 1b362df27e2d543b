/** Excel import/export of the course pool with the platform's import engine (matched on 课程代码). */
import { and, eq } from 'drizzle-orm';
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
import { clustersOfInstitution, groupsOfCluster } from '../org/read.ts';
import { versionFields } from './pool-service.ts';
import {
  assessmentLabels,
  courseLayerLabels,
  diffVersions,
  isCourseCode,
  moduleTypeLabels,
  ownerFitsLayer,
  type CourseVersionFields,
} from './rules.ts';
import { courses, courseVersions } from './schema.ts';

const choices = (labels: Record<string, { 'zh-CN': string; en: string }>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const columns: ImportColumn[] = [
  {
    key: 'code',
    header: { 'zh-CN': '课程代码', en: 'Course code' },
    required: true,
    kind: 'text',
    example: 'GX-105',
    maxLength: 20,
    width: 14,
  },
  {
    key: 'name',
    header: { 'zh-CN': '课程名称', en: 'Course name' },
    required: true,
    kind: 'text',
    example: '生态文明',
    maxLength: 100,
    width: 24,
  },
  {
    key: 'nameEn',
    header: { 'zh-CN': '英文名称', en: 'English name' },
    required: false,
    kind: 'text',
    example: 'Ecological Civilisation',
    maxLength: 200,
    width: 24,
  },
  { key: 'credits', header: { 'zh-CN': '学分', en: 'Credits' }, required: true, kind: 'text', example: '4', maxLength: 5, width: 8 },
  {
    key: 'theoryHours',
    header: { 'zh-CN': '理论学时', en: 'Theory hours' },
    required: true,
    kind: 'integer',
    example: '40',
    min: 0,
    max: 2000,
    width: 10,
  },
  {
    key: 'practiceHours',
    header: { 'zh-CN': '实践学时', en: 'Practice hours' },
    required: true,
    kind: 'integer',
    example: '24',
    min: 0,
    max: 2000,
    width: 10,
  },
  {
    key: 'assessment',
    header: { 'zh-CN': '考核方式', en: 'Assessment' },
    required: true,
    kind: 'choice',
    example: '考查',
    choices: choices(assessmentLabels),
    width: 10,
  },
  {
    key: 'layer',
    header: { 'zh-CN': '课程层级', en: 'Layer' },
    required: true,
    kind: 'choice',
    example: '底层共享',
    choices: choices(courseLayerLabels),
    width: 12,
  },
  {
    key: 'moduleType',
    header: { 'zh-CN': '课程模块', en: 'Module' },
    required: true,
    kind: 'choice',
    example: '思政文化素质模块',
    choices: choices(moduleTypeLabels),
    width: 18,
  },
  {
    key: 'ownerGroup',
    header: { 'zh-CN': '开课专业群代码', en: 'Owner group code' },
    required: false,
    kind: 'text',
    example: '',
    maxLength: 40,
    width: 14,
  },
  {
    key: 'prerequisites',
    header: { 'zh-CN': '先修课程代码', en: 'Prerequisite codes' },
    required: false,
    kind: 'text',
    example: '',
    maxLength: 400,
    width: 18,
  },
  {
    key: 'certificates',
    header: { 'zh-CN': '对应证书代码', en: 'Aligned certificate codes' },
    required: false,
    kind: 'text',
    example: '',
    maxLength: 400,
    width: 18,
  },
  {
    key: 'description',
    header: { 'zh-CN': '课程简介', en: 'Description' },
    required: false,
    kind: 'text',
    example: '',
    maxLength: 2000,
    width: 30,
  },
];

const splitCodes = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(/[、,，;；\s]+/)
        .map((code) => code.trim())
        .filter(Boolean)
    : [];
const sortedUnique = (values: string[]) => [...new Set(values)].sort();

interface Context {
  clusterId: number;
  groups: Map<string, number>;
  groupCodes: Map<number, string>;
  existing: Map<string, { course: typeof courses.$inferSelect; version: typeof courseVersions.$inferSelect }>;
}

const contextOfRun = new WeakMap<ImportRunContext, Promise<Context | null>>();
function runContext(run: ImportRunContext): Promise<Context | null> {
  let context = contextOfRun.get(run);
  if (!context) {
    context = loadContext(run.db, run.institutionId);
    contextOfRun.set(run, context);
  }
  return context;
}

async function loadContext(db: Db, institutionId: number): Promise<Context | null> {
  const [cluster] = await clustersOfInstitution(db, institutionId);
  if (!cluster) return null;
  const groups = await groupsOfCluster(db, cluster.id);
  const rows = await db
    .select({ course: courses, version: courseVersions })
    .from(courses)
    .innerJoin(courseVersions, and(eq(courseVersions.courseId, courses.id), eq(courseVersions.versionNo, courses.currentVersionNo)))
    .where(eq(courses.institutionId, institutionId));
  return {
    clusterId: cluster.id,
    groups: new Map(groups.map((group) => [group.code, group.id])),
    groupCodes: new Map(groups.map((group) => [group.id, group.code])),
    existing: new Map(rows.map((row) => [row.course.code, row])),
  };
}

function fieldsOf(values: ParsedRow['values'], context: Context): CourseVersionFields {
  const owner = typeof values.ownerGroup === 'string' && values.ownerGroup ? (context.groups.get(values.ownerGroup) ?? null) : null;
  return {
    name: values.name,
    nameEn: values.nameEn || null,
    credits: Number(values.credits),
    theoryHours: Number(values.theoryHours),
    practiceHours: Number(values.practiceHours),
    assessment: values.assessment,
    layer: values.layer,
    moduleType: values.moduleType,
    ownerGroupId: owner,
    certificateCodes: sortedUnique(splitCodes(values.certificates)),
    prerequisiteCodes: sortedUnique(splitCodes(values.prerequisites)),
    description: values.description || null,
  };
}

export function courseImportDefinitions(): ImportDefinition[] {
  return [
    {
      entity: 'courses',
      title: { 'zh-CN': '课程池', en: 'Course pool' },
      keyColumn: 'code',
      columns,
      permission: 'course.write',
      maxRows: 5000,
      tableName: 'course_versions',
      async lockRows(tx, run, keys) {
        await tx
          .select({ id: courses.id })
          .from(courses)
          .where(and(eq(courses.institutionId, run.institutionId), inJsonList(courses.code, keys, 'text')))
          .for('update');
      },
      async validate(run, rows) {
        const context = await runContext(run);
        const errors: RowError[] = [];
        const inFile = new Set(rows.map((row) => String(row.values.code)));
        for (const row of rows) {
          const error = (column: string, messageKey: RowError['messageKey'], params?: RowError['params']) =>
            errors.push({ row: row.row, column, messageKey, params });
          const code = String(row.values.code);
          if (!isCourseCode(code)) error('code', 'import.cell.bad_code');
          const credits = Number(row.values.credits);
          if (!Number.isFinite(credits) || credits <= 0 || credits > 40 || Math.round(credits * 2) !== credits * 2)
            error('credits', 'import.cell.out_of_range', { min: 0.5, max: 40 });
          if (Number(row.values.theoryHours) + Number(row.values.practiceHours) <= 0)
            error('practiceHours', 'import.cell.out_of_range', { min: 1, max: 4000 });
          if (!context) {
            error('ownerGroup', 'import.cell.unknown_ref', { entity: '专业集群', code: '-' });
            continue;
          }
          const ownerCode = typeof row.values.ownerGroup === 'string' ? row.values.ownerGroup : '';
          if (ownerCode && !context.groups.has(ownerCode))
            error('ownerGroup', 'import.cell.unknown_ref', { entity: '专业群', code: ownerCode });
          else if (!ownerFitsLayer(row.values.layer as never, ownerCode ? context.groups.get(ownerCode)! : null))
            error('ownerGroup', 'course.bad_owner');
          for (const prerequisite of splitCodes(row.values.prerequisites)) {
            if (prerequisite === code) error('prerequisites', 'course.self_prerequisite');
            else if (!inFile.has(prerequisite) && !context.existing.has(prerequisite))
              error('prerequisites', 'import.cell.unknown_ref', { entity: '课程', code: prerequisite });
          }
        }
        return errors;
      },
      async plan(run, rows) {
        const context = (await runContext(run))!;
        const actions = new Map<string, RowAction>();
        for (const row of rows) {
          const code = String(row.values.code);
          const current = context.existing.get(code);
          actions.set(
            code,
            !current
              ? 'create'
              : diffVersions(versionFields(current.version), fieldsOf(row.values, context)).length > 0
                ? 'update'
                : 'unchanged',
          );
        }
        return actions;
      },
      async apply(tx, run, rows, actions) {
        const context = (await runContext(run))!;
        const audits: AuditEntry[] = [];
        for (const row of rows) {
          const code = String(row.values.code);
          const action = actions.get(code);
          if (action === 'unchanged' || !action) continue;
          const fields = fieldsOf(row.values, context) as unknown as typeof courseVersions.$inferInsert;
          const current = context.existing.get(code);
          if (!current) {
            // Imported courses are published at once: the import is 教务's confirmed pool.
            const [course] = await tx
              .insert(courses)
              .values({ institutionId: run.institutionId, clusterId: context.clusterId, code, status: 'published' })
              .returning();
            await tx.insert(courseVersions).values({
              ...fields,
              institutionId: run.institutionId,
              courseId: course!.id,
              versionNo: 1,
              createdBy: run.request.actor?.userId ?? null,
            });
            audits.push({
              action: 'course.create',
              entity: 'course',
              entityId: course!.id,
              institutionId: run.institutionId,
              summary: `导入新增课程 ${code}`,
              after: fields,
            });
          } else if (current.course.status === 'draft') {
            await tx.update(courseVersions).set(fields).where(eq(courseVersions.id, current.version.id));
            audits.push({
              action: 'course.update',
              entity: 'course',
              entityId: current.course.id,
              institutionId: run.institutionId,
              summary: `导入修改课程 ${code}`,
              before: versionFields(current.version),
              after: fields,
            });
          } else {
            const versionNo = current.course.currentVersionNo + 1;
            await tx.insert(courseVersions).values({
              ...fields,
              institutionId: run.institutionId,
              courseId: current.course.id,
              versionNo,
              createdBy: run.request.actor?.userId ?? null,
            });
            await tx.update(courses).set({ currentVersionNo: versionNo, updatedAt: new Date() }).where(eq(courses.id, current.course.id));
            audits.push({
              action: 'course.version',
              entity: 'course',
              entityId: current.course.id,
              institutionId: run.institutionId,
              summary: `导入：课程 ${code} 生成第 ${versionNo} 版`,
              before: versionFields(current.version),
              after: fields,
            });
          }
        }
        await recordAuditMany(tx, run.request, audits);
      },
      async exportRows(run) {
        const context = await runContext(run);
        if (!context) return [];
        return [...context.existing.values()]
          .sort((a, b) => a.course.code.localeCompare(b.course.code))
          .map(({ course, version }) => ({
            code: course.code,
            name: version.name,
            nameEn: version.nameEn,
            credits: String(Number(version.credits)),
            theoryHours: version.theoryHours,
            practiceHours: version.practiceHours,
            assessment: version.assessment,
            layer: version.layer,
            moduleType: version.moduleType,
            ownerGroup: version.ownerGroupId === null ? '' : (context.groupCodes.get(version.ownerGroupId) ?? ''),
            prerequisites: version.prerequisiteCodes.join('、'),
            certificates: version.certificateCodes.join('、'),
            description: version.description,
          }));
      },
    },
  ];
}
