/**
 * Demo data of the credit bank: the cluster's 12 certificates (000_*.txt gives the count; six names
 * come from 表 1-2 of 001_*.txt, the others are 工种 the seeds mention, marked guessed), certificate–
 * course mappings, competitions (seed002's 海河工匠杯 among them), and version 1 of the conversion
 * rules with the seeds' defaults, approved by 教务.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import type { DemoContext } from '../../platform/module.ts';
import { professionalGroups } from '../org/schema.ts';
import { clusterByCode } from '../org/read.ts';
import { courses } from '../courses/schema.ts';
import { defaultConversionRules, type CertificateLevel } from './rules.ts';
import { certificateCourseMappings, certificates, competitions, conversionRuleSets } from './schema.ts';

const basic: CertificateLevel[] = ['junior', 'intermediate', 'senior'];
const trade: CertificateLevel[] = ['junior', 'intermediate', 'senior', 'technician_prep', 'technician'];

const demoCertificates: Array<{
  code: string;
  name: string;
  nameEn: string;
  kind: 'skill_level' | 'qualification';
  issuer: string;
  occupation: string;
  levels: CertificateLevel[];
  group: string | null;
  guessed: boolean;
  mappings: Array<[string, CertificateLevel]>;
}> = [
  {
    code: '1X-GYHLW-WLYW',
    name: '工业互联网网络运维',
    nameEn: 'Industrial Internet Network Operations',
    kind: 'skill_level',
    issuer: '工业互联网产业联盟',
    occupation: '网络运维',
    levels: basic,
    group: 'GYHLW',
    guessed: false,
    mappings: [
      ['HL-201', 'intermediate'],
      ['HL-304', 'senior'],
    ],
  },
  {
    code: '1X-GYHLW-SJCJ',
    name: '工业互联网设备数据采集',
    nameEn: 'Industrial Internet Device Data Acquisition',
    kind: 'skill_level',
    issuer: '工业互联网产业联盟',
    occupation: '数据采集',
    levels: basic,
    group: 'GYHLW',
    guessed: false,
    mappings: [['HL-203', 'intermediate']],
  },
  {
    code: '1X-WLW-DPJ',
    name: '物联网单片机应用与开发',
    nameEn: 'IoT Microcontroller Application and Development',
    kind: 'skill_level',
    issuer: '物联网职业教育评价组织',
    occupation: '嵌入式开发',
    levels: basic,
    group: 'GYHLW',
    guessed: false,
    mappings: [['HL-302', 'intermediate']],
  },
  {
    code: '1X-GYCGQ',
    name: '工业传感器集成应用',
    nameEn: 'Industrial Sensor Integration',
    kind: 'skill_level',
    issuer: '工业传感器职业教育评价组织',
    occupation: '传感器集成',
    levels: basic,
    group: 'GYHLW',
    guessed: false,
    mappings: [],
  },
  {
    code: '1X-WLW-GCYW',
    name: '物联网工程实施与运维',
    nameEn: 'IoT Engineering Implementation and Operations',
    kind: 'skill_level',
    issuer: '物联网职业教育评价组织',
    occupation: '物联网工程',
    levels: basic,
    group: 'GYHLW',
    guessed: false,
    mappings: [],
  },
  {
    code: 'ZY-DG',
    name: '电工',
    nameEn: 'Electrician',
    kind: 'qualification',
    issuer: '天津市职业技能鉴定指导中心',
    occupation: '电工',
    levels: trade,
    group: 'KZ',
    guessed: false,
    mappings: [['KZ-203', 'intermediate']],
  },
  {
    code: '1X-GYJQR',
    name: '工业机器人操作与运维',
    nameEn: 'Industrial Robot Operation and Maintenance',
    kind: 'skill_level',
    issuer: '工业机器人职业教育评价组织',
    occupation: '工业机器人运维',
    levels: basic,
    group: 'KZ',
    guessed: true,
    mappings: [['KZ-204', 'intermediate']],
  },
  {
    code: '1X-SKCX',
    name: '数控车铣加工',
    nameEn: 'CNC Turning and Milling',
    kind: 'skill_level',
    issuer: '数控加工职业教育评价组织',
    occupation: '数控加工',
    levels: basic,
    group: 'KZ',
    guessed: true,
    mappings: [['KZ-304', 'intermediate']],
  },
  {
    code: 'ZY-GLLT',
    name: '高炉炼铁工',
    nameEn: 'Blast Furnace Ironmaker',
    kind: 'qualification',
    issuer: '冶金行业职业技能鉴定中心',
    occupation: '高炉炼铁工',
    levels: trade,
    group: 'YJ',
    guessed: true,
    mappings: [['YJ-301', 'intermediate']],
  },
  {
    code: 'ZY-LGG',
    name: '炼钢工',
    nameEn: 'Steelmaker',
    kind: 'qualification',
    issuer: '冶金行业职业技能鉴定中心',
    occupation: '炼钢工',
    levels: trade,
    group: 'YJ',
    guessed: true,
    mappings: [['YJ-202', 'intermediate']],
  },
  {
    code: 'ZY-JSZZ',
    name: '金属轧制工',
    nameEn: 'Metal Rolling Operator',
    kind: 'qualification',
    issuer: '冶金行业职业技能鉴定中心',
    occupation: '金属轧制工',
    levels: trade,
    group: 'YJ',
    guessed: true,
    mappings: [['YJ-302', 'intermediate']],
  },
  {
    code: 'CAD-M',
    name: '机械产品三维模型设计',
    nameEn: 'Mechanical 3D Model Design',
    kind: 'skill_level',
    issuer: '机械产品设计职业教育评价组织',
    occupation: '机械设计',
    levels: basic,
    group: null,
    guessed: true,
    mappings: [['GX-108', 'junior']],
  },
];

const demoCompetitions = [
  {
    code: 'GZ2025-GYHLW',
    name: '2025 年全国职业院校技能大赛 工业互联网集成应用赛项',
    level: 'national' as const,
    organiser: '教育部等',
    year: 2025,
    group: 'GYHLW',
  },
  {
    code: 'TJ2025-ZNZZ',
    name: '2025 年天津市职业院校技能大赛 智能制造设备技术应用赛项',
    level: 'provincial' as const,
    organiser: '天津市教育委员会',
    year: 2025,
    group: 'KZ',
  },
  {
    code: 'HHGJ2025',
    name: '2025 年“海河工匠杯”技能大赛',
    level: 'municipal' as const,
    organiser: '天津市总工会',
    year: 2025,
    group: null,
  },
  {
    code: 'XJ2025-YJ',
    name: '2025 年校级冶金技能节 炼钢操作比赛',
    level: 'school' as const,
    organiser: '天津工业职业学院',
    year: 2025,
    group: 'YJ',
  },
];

export async function seedCreditbankDemo(demo: DemoContext): Promise<void> {
  const cluster = await clusterByCode(demo.db, 'LSZNZZ');
  if (!cluster) return;
  await seedCreditbank(demo.db, { institutionId: cluster.institutionId, clusterId: cluster.id, approvedBy: demo.user('jiaowu').id });
}

async function seedCreditbank(tx: Db, options: { institutionId: number; clusterId: number; approvedBy: number }) {
  const groups = new Map(
    (
      await tx
        .select({ id: professionalGroups.id, code: professionalGroups.code })
        .from(professionalGroups)
        .where(eq(professionalGroups.clusterId, options.clusterId))
    ).map((row) => [row.code, row.id]),
  );
  const courseCodes = [...new Set(demoCertificates.flatMap((certificate) => certificate.mappings.map(([code]) => code)))];
  const courseIds = new Map(
    (await tx.select({ id: courses.id, code: courses.code }).from(courses).where(inArray(courses.code, courseCodes))).map((row) => [
      row.code,
      row.id,
    ]),
  );
  for (const certificate of demoCertificates) {
    const [row] = await tx
      .insert(certificates)
      .values({
        institutionId: options.institutionId,
        clusterId: options.clusterId,
        code: certificate.code,
        name: certificate.name,
        nameEn: certificate.nameEn,
        kind: certificate.kind,
        issuer: certificate.issuer,
        occupation: certificate.occupation,
        levels: certificate.levels,
        ownerGroupId: certificate.group ? (groups.get(certificate.group) ?? null) : null,
        guessed: certificate.guessed,
      })
      .returning();
    const mappings = certificate.mappings.filter(([code]) => courseIds.has(code));
    if (mappings.length > 0) {
      await tx.insert(certificateCourseMappings).values(
        mappings.map(([code, minLevel]) => ({
          institutionId: options.institutionId,
          clusterId: options.clusterId,
          certificateId: row!.id,
          courseId: courseIds.get(code)!,
          minLevel,
        })),
      );
    }
  }
  await tx.insert(competitions).values(
    demoCompetitions.map((competition) => ({
      institutionId: options.institutionId,
      clusterId: options.clusterId,
      code: competition.code,
      name: competition.name,
      level: competition.level,
      organiser: competition.organiser,
      year: competition.year,
      ownerGroupId: competition.group ? (groups.get(competition.group) ?? null) : null,
    })),
  );
  await tx.insert(conversionRuleSets).values({
    institutionId: options.institutionId,
    clusterId: options.clusterId,
    versionNo: 1,
    rules: defaultConversionRules,
    validFrom: '2024-09-01',
    validTo: null,
    status: 'approved',
    note: '《学分互认管理办法》默认值：跨群证书 初级 2 / 中级 4 / 高级 6 学分（000 号文件）',
    createdBy: null,
    approvedBy: options.approvedBy,
    approvedAt: new Date(),
  });
}
