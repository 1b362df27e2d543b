/**
 * The credit bank's indicators: the two rows of 表 1 (证书互认互通) and 高级工获取率 (`003_*.txt`).
 * A period is an academic year, "2025-2026": 1 September 2025 to 31 August 2026. Units are a
 * cluster, a group or a major; students belong to a unit through their major.
 */
import { and, eq, sql } from 'drizzle-orm';
import { inJsonList, type Db } from '../../db/connection.ts';
import type { IndicatorDefinition, IndicatorUnit } from '../../platform/indicators/registry.ts';
import { groupsOfCluster, majorWithGroup, majorsOfGroups, studentsOfMajors } from '../org/read.ts';
import { certificates, ledgerEntries, learningOutcomes } from './schema.ts';
import { countAll } from '../../db/sql.ts';

function academicYear(period: string): { startYear: number; from: string; until: string } {
  const startYear = Number(period.slice(0, 4));
  if (!Number.isInteger(startYear)) throw new Error(`Bad period ${period}`);
  return { startYear, from: `${startYear}-09-01`, until: `${startYear + 1}-09-01` };
}

/** The unit's majors with their group. */
async function majorsOfUnit(db: Db, unit: IndicatorUnit) {
  if (unit.type === 'cluster')
    return majorsOfGroups(
      db,
      (await groupsOfCluster(db, unit.id)).map((group) => group.id),
    );
  if (unit.type === 'group') return majorsOfGroups(db, [unit.id]);
  const major = await majorWithGroup(db, unit.id);
  return major ? [{ id: major.id, code: major.code, name: major.name, groupId: major.groupId, level: major.level }] : [];
}

/** Certificates granted (and not reversed) to these students by a date: student, level, owner group. */
async function certificatesHeld(db: Db, studentIds: number[], before: string) {
  if (studentIds.length === 0) return [];
  return db
    .select({ studentId: learningOutcomes.studentId, level: learningOutcomes.level, ownerGroupId: certificates.ownerGroupId })
    .from(learningOutcomes)
    .innerJoin(certificates, eq(certificates.id, learningOutcomes.certificateId))
    .where(
      and(
        inJsonList(learningOutcomes.studentId, studentIds, 'bigint'),
        eq(learningOutcomes.kind, 'certificate'),
        eq(learningOutcomes.status, 'granted'),
        sql`coalesce(${learningOutcomes.issuedOn}, ${learningOutcomes.decidedAt}::date) < ${before}::date`,
      ),
    );
}

const seniorOrAbove = new Set(['senior', 'technician_prep', 'technician']);

export const creditbankIndicators: IndicatorDefinition[] = [
  {
    key: 'creditbank.cross_group_certificate_rate',
    module: 'creditbank',
    dimension: '证书互认互通',
    name: { 'zh-CN': '技能证书跨群取证率', en: 'Cross-group skill-certificate rate' },
    unit: 'ratio',
    unitTypes: ['cluster', 'group', 'major'],
    defaultTarget: 1 / 3,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '职业资格证书', en: 'Vocational certificates' },
    definition: {
      'zh-CN':
        '在读学生中，期末前已认定（未撤销）至少一张其他专业群职业技能等级证书的人数 ÷ 在读学生数；证书所属专业群与学生所在专业的专业群不同即为跨群',
      en: 'Enrolled students holding at least one granted (not reversed) certificate owned by another group by the end of the period ÷ enrolled students; a certificate is cross-group when its group differs from the group of the student’s major',
    },
    compute: async (db, unit, period) => {
      const { until } = academicYear(period);
      const majors = await majorsOfUnit(db, unit);
      const groupOfMajor = new Map(majors.map((major) => [major.id, major.groupId]));
      const students = (
        await studentsOfMajors(
          db,
          majors.map((major) => major.id),
        )
      ).filter((student) => student.status === 'enrolled');
      const groupOfStudent = new Map(students.map((student) => [student.id, groupOfMajor.get(student.majorId) ?? null]));
      const holders = new Set(
        (
          await certificatesHeld(
            db,
            students.map((student) => student.id),
            until,
          )
        )
          .filter((row) => row.ownerGroupId !== null && row.ownerGroupId !== groupOfStudent.get(row.studentId))
          .map((row) => row.studentId),
      );
      return {
        value: students.length === 0 ? 0 : holders.size / students.length,
        inputs: { enrolledStudents: students.length, crossGroupCertificateHolders: holders.size, before: until },
      };
    },
  },
  {
    key: 'creditbank.converted_credits',
    module: 'creditbank',
    dimension: '证书互认互通',
    name: { 'zh-CN': '证书学分置换学分数', en: 'Credits converted from certificates' },
    unit: 'credits',
    unitTypes: ['cluster'],
    defaultTarget: 120,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '学分银行平台', en: 'Credit bank platform' },
    definition: {
      'zh-CN':
        '本学年（9 月 1 日至次年 8 月 31 日）学分银行账本中由证书置换的学分与凭证书免修课程的学分之和（撤销记录冲减）；集群汇总其全部专业学生',
      en: 'Credits converted from certificates plus credits of courses exempted on certificates, recorded in the credit-bank ledger during the academic year (1 Sep – 31 Aug), reversals deducted; a cluster sums all its majors’ students',
    },
    compute: async (db, unit, period) => {
      const { from, until } = academicYear(period);
      const majors = await majorsOfUnit(db, unit);
      const students = await studentsOfMajors(
        db,
        majors.map((major) => major.id),
      );
      if (students.length === 0) return { value: 0, inputs: { from, until, students: 0 } };
      const [row] = await db
        .select({
          certificate: sql<number>`coalesce(sum(${ledgerEntries.credits}) FILTER (WHERE ${ledgerEntries.category} = 'certificate'), 0)::float8`,
          exemption: sql<number>`coalesce(sum(${ledgerEntries.credits}) FILTER (WHERE ${ledgerEntries.category} = 'exemption'), 0)::float8`,
          entries: countAll(),
        })
        .from(ledgerEntries)
        .where(
          and(
            inJsonList(
              ledgerEntries.studentId,
              students.map((student) => student.id),
              'bigint',
            ),
            sql`${ledgerEntries.category} IN ('certificate', 'exemption')`,
            sql`${ledgerEntries.recordedAt} >= ${from}::date`,
            sql`${ledgerEntries.recordedAt} < ${until}::date`,
          ),
        );
      const certificate = Number(row?.certificate ?? 0);
      const exemption = Number(row?.exemption ?? 0);
      return {
        value: Math.round((certificate + exemption) * 10) / 10,
        inputs: { from, until, certificateCredits: certificate, exemptionCredits: exemption, ledgerEntries: row?.entries ?? 0 },
      };
    },
  },
  {
    key: 'creditbank.senior_worker_rate',
    module: 'creditbank',
    dimension: '证书互认互通',
    name: { 'zh-CN': '高级工获取率', en: 'Senior-worker certificate rate' },
    unit: 'ratio',
    unitTypes: ['cluster', 'group', 'major'],
    defaultTarget: 0.845,
    comparison: '>=',
    monitoringSource: {
      'zh-CN': '学分银行平台（职业技能等级证书）；目标取 003 号材料学校达到的 84.5%',
      en: 'Credit bank (skill-level certificates); target: the 84.5% reached by the school of 003',
    },
    definition: {
      'zh-CN':
        '毕业年级（期间起始年 − 2 级，如 2025-2026 → 2023 级）在读或已毕业学生中，期末前已认定高级（三级）及以上职业技能等级证书的人数 ÷ 该年级学生数',
      en: 'Students of the graduating cohort (period start year − 2, e.g. 2025-2026 → cohort 2023), enrolled or graduated, holding a granted certificate at senior level or above by the end of the period ÷ students of that cohort',
    },
    async compute(db, unit, period) {
      const { startYear, until } = academicYear(period);
      const cohortYear = startYear - 2;
      const majors = await majorsOfUnit(db, unit);
      const students = (
        await studentsOfMajors(
          db,
          majors.map((major) => major.id),
        )
      ).filter((student) => student.cohortYear === cohortYear && ['enrolled', 'graduated'].includes(student.status));
      const holders = new Set(
        (
          await certificatesHeld(
            db,
            students.map((student) => student.id),
            until,
          )
        )
          .filter((row) => seniorOrAbove.has(row.level!))
          .map((row) => row.studentId),
      );
      return {
        value: students.length === 0 ? 0 : holders.size / students.length,
        inputs: { cohortYear, students: students.length, seniorCertificateHolders: holders.size, before: until },
      };
    },
  },
];
