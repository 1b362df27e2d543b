/**
 * Demo data of the org module: the alliance of 000_*.txt with its institutions, 天津工业职业学院's six
 * departments and the 29 majors of 表 1-1, the cluster with its three groups and 15 majors, terms,
 * about 12,000 generated students and 500 teachers from a fixed seed, and the demo logins (one per role).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { idNumber, mobile, personName } from '../../demo/people.ts';
import { SeededRandom } from '../../demo/random.ts';
import type { DemoAccountSpec, DemoContext } from '../../platform/module.ts';
import { maskPhone } from '../../platform/pii.ts';
import { allocateIds } from '../../db/sql.ts';
import { sealedAt, withSealedPeople } from './sealed.ts';
import { defaultFirstWeek } from './rules.ts';
import {
  alliances,
  institutionAlliances,
  classes,
  clusters,
  departments,
  enterpriseContacts,
  institutions,
  majorStatusHistory,
  majors,
  professionalGroups,
  students,
  teachers,
  terms,
} from './schema.ts';

/** Facts from ../shared/reference/seed-facts.json (表 1-1 of 001_*.txt, the cluster of 000_*.txt). */
const tjpcDepartments = [
  { code: 'GYJS', name: '工业技术系', kind: 'department' },
  { code: 'JXGC', name: '机械工程系', kind: 'department' },
  { code: 'GYXX', name: '工业与信息化系', kind: 'department' },
  { code: 'JJGL', name: '经济管理工程系', kind: 'department' },
  { code: 'ZNJS', name: '智能技术系', kind: 'department' },
  { code: 'TTXQ', name: '天铁校区教学部', kind: 'campus_unit' },
] as const;

const tjpcMajors: Array<[dept: string, code: string, name: string, firstYear: number, level: string]> = [
  ['GYJS', '430401', '钢铁智能冶金技术', 2005, 'higher_vocational'],
  ['GYJS', '420802', '环境工程技术', 2012, 'higher_vocational'],
  ['GYJS', '420901', '安全技术与管理', 2018, 'higher_vocational'],
  ['GYJS', '460106', '工业工程技术', 2019, 'higher_vocational'],
  ['JXGC', '460301', '机电一体化技术', 2006, 'higher_vocational'],
  ['JXGC', '460103', '数控技术', 2004, 'higher_vocational'],
  ['JXGC', '460104', '机械制造及自动化', 2004, 'higher_vocational'],
  ['JXGC', '460305', '工业机器人技术', 2016, 'higher_vocational'],
  ['JXGC', '460609', '无人机应用技术', 2021, 'higher_vocational'],
  ['GYXX', '460306', '电气自动化技术', 2004, 'higher_vocational'],
  ['GYXX', '510103', '应用电子技术', 2004, 'higher_vocational'],
  ['GYXX', '510307', '智能互联网络技术', 2020, 'higher_vocational'],
  ['GYXX', '440404', '建筑智能化工程技术', 2011, 'higher_vocational'],
  ['GYXX', '510301', '现代通信技术', 2021, 'higher_vocational'],
  ['GYXX', '460310', '工业互联网应用', 2022, 'higher_vocational'],
  ['JJGL', '530701', '电子商务', 2004, 'higher_vocational'],
  ['JJGL', '530802', '现代物流管理', 2005, 'higher_vocational'],
  ['JJGL', '530302', '大数据与会计', 2007, 'higher_vocational'],
  ['JJGL', '530702', '跨境电子商务', 2019, 'higher_vocational'],
  ['ZNJS', '460303', '智能控制技术', 2006, 'higher_vocational'],
  ['ZNJS', '510101', '电子信息工程技术', 2007, 'higher_vocational'],
  ['ZNJS', '510207', '信息安全技术应用', 2008, 'higher_vocational'],
  ['ZNJS', '510206', '云计算技术应用', 2017, 'higher_vocational'],
  ['ZNJS', '510205', '大数据技术', 2018, 'higher_vocational'],
  ['TTXQ', '630502', '金属压力加工', 2021, 'secondary_vocational'],
  ['TTXQ', '660201', '智能设备运行与维护', 2021, 'secondary_vocational'],
  ['TTXQ', '630401', '钢铁冶炼技术', 2021, 'secondary_vocational'],
  ['TTXQ', '620505', '煤炭综合利用技术', 2021, 'secondary_vocational'],
  ['TTXQ', '660302', '电气设备运行与控制', 2021, 'secondary_vocational'],
];

/** seed-facts.json demo_suggested_major_assignment (marked inferred there: the seeds name 15 majors but not which). */
const clusterGroups = [
  {
    code: 'YJ',
    name: '钢铁智能冶金专业群',
    shortName: '冶金',
    department: 'GYJS',
    core: '430401',
    chain: '钢铁冶金产业链',
    majors: ['430401', '420802', '420901', '460106', '460104'],
  },
  {
    code: 'KZ',
    name: '智能控制技术专业群',
    shortName: '控制',
    department: 'ZNJS',
    core: '460303',
    chain: '高端装备与智能控制产业链',
    majors: ['460303', '460301', '460305', '460103', '510101'],
  },
  {
    code: 'GYHLW',
    name: '工业互联网专业群',
    shortName: '互联网',
    department: 'GYXX',
    core: '460310',
    chain: '智能装备与智能制造产业链',
    majors: ['460310', '460306', '510307', '510103', '510205'],
  },
];

const titles = ['助教', '讲师', '讲师', '讲师', '副教授', '副教授', '教授', '高级实验师', '实验师', '高级工程师'];

/** Rows may carry ids drawn beforehand (people, whose sealed fields are bound to their id). */
async function insertChunked(db: Db, table: Parameters<Db['insert']>[0], rows: object[], chunk = 500) {
  const withIds = rows.length > 0 && 'id' in rows[0]!;
  for (let start = 0; start < rows.length; start += chunk) {
    const insert = db.insert(table);
    await (withIds ? insert.overridingSystemValue() : insert).values(rows.slice(start, start + chunk) as never);
  }
}

export async function seedOrgDemo(demo: DemoContext): Promise<{ accounts: DemoAccountSpec[] }> {
  const { db: tx, pii, options } = demo;
  const random = new SeededRandom(options.seed ?? 20240301);
  const teacherCount = options.teachers ?? Math.max(30, Math.round(options.students / 24));
  const [alliance] = await tx
    .insert(alliances)
    .values({ code: 'GYSZH', name: '全国工业数智化应用行业产教融合共同体', kind: 'industry_community' })
    .returning();
  const [tjpc] = await tx
    .insert(institutions)
    .values({ allianceId: alliance!.id, code: 'TJPC', name: '天津工业职业学院', shortName: '天工职院', kind: 'higher_vocational' })
    .returning();
  const [technician] = await tx
    .insert(institutions)
    .values({ allianceId: alliance!.id, code: 'TJYJJS', name: '天津冶金技师学院', shortName: '冶金技院', kind: 'technician_college' })
    .returning();
  const [steel] = await tx
    .insert(institutions)
    .values({ allianceId: alliance!.id, code: 'XTG', name: '天津新天钢集团有限公司', shortName: '新天钢', kind: 'enterprise' })
    .returning();
  const [jianke] = await tx
    .insert(institutions)
    .values({ allianceId: alliance!.id, code: 'JKJX', name: '天津市建科机械制造有限公司', shortName: '建科机械', kind: 'enterprise' })
    .returning();
  // The college leads the industry community and is a member of a city consortium (002_*: 理事单位, 2025-05).
  const [consortium] = await tx
    .insert(alliances)
    .values({ code: 'TKJNJM', name: '天开津南园精密仪器产教联合体', kind: 'city_consortium' })
    .returning();
  await tx.insert(institutionAlliances).values([
    { institutionId: tjpc!.id, allianceId: alliance!.id, role: 'lead' },
    { institutionId: technician!.id, allianceId: alliance!.id, role: 'member' },
    { institutionId: steel!.id, allianceId: alliance!.id, role: 'member' },
    { institutionId: jianke!.id, allianceId: alliance!.id, role: 'member' },
    { institutionId: tjpc!.id, allianceId: consortium!.id, role: 'member', joinedOn: '2025-05-01' },
  ]);

  const departmentRows = await tx
    .insert(departments)
    .values(tjpcDepartments.map((d) => ({ institutionId: tjpc!.id, ...d })))
    .returning();
  const departmentId = new Map(departmentRows.map((row) => [row.code, row.id]));
  const [cluster] = await tx
    .insert(clusters)
    .values({
      institutionId: tjpc!.id,
      code: 'LSZNZZ',
      name: '绿色智能制造（冶金方向）专业集群',
      formedOn: '2024-03',
      description: '四化定标准、集群融四通：课程体系贯通、实训基地融通、“四能型”教师流通、职业技能等级证书互认互通',
    })
    .returning();
  const groupRows = await tx
    .insert(professionalGroups)
    .values(
      clusterGroups.map((group) => ({
        institutionId: tjpc!.id,
        clusterId: cluster!.id,
        code: group.code,
        name: group.name,
        shortName: group.shortName,
        departmentId: departmentId.get(group.department)!,
        coreMajorCode: group.core,
        industryChain: group.chain,
      })),
    )
    .returning();
  const groupOfMajor = new Map<string, number>();
  clusterGroups.forEach((group, index) => group.majors.forEach((code) => groupOfMajor.set(code, groupRows[index]!.id)));
  const majorRows = await tx
    .insert(majors)
    .values(
      tjpcMajors.map(([dept, code, name, firstYear, level]) => ({
        institutionId: tjpc!.id,
        code,
        name,
        departmentId: departmentId.get(dept)!,
        groupId: groupOfMajor.get(code) ?? null,
        level,
        firstEnrolmentYear: firstYear,
        status: 'enrolling' as const,
      })),
    )
    .returning();
  await tx.insert(majorStatusHistory).values(
    majorRows.map((major) => ({
      institutionId: tjpc!.id,
      majorId: major.id,
      fromStatus: null,
      toStatus: 'enrolling' as const,
      effectiveYear: major.firstEnrolmentYear,
      reason: '首次招生（表 1-1）',
    })),
  );

  // The technician college: same alliance, separate data.
  const [techDepartment] = await tx
    .insert(departments)
    .values({ institutionId: technician!.id, code: 'YJX', name: '冶金系', kind: 'department' })
    .returning();
  const techMajors = await tx
    .insert(majors)
    .values([
      {
        institutionId: technician!.id,
        code: '630401',
        name: '钢铁冶炼',
        departmentId: techDepartment!.id,
        level: 'technician',
        firstEnrolmentYear: 2015,
      },
      {
        institutionId: technician!.id,
        code: '660302',
        name: '电气自动化设备安装与维修',
        departmentId: techDepartment!.id,
        level: 'technician',
        firstEnrolmentYear: 2015,
      },
    ])
    .returning();

  for (const [institutionId, startYear] of [
    [tjpc!.id, 2023],
    [technician!.id, 2025],
  ] as const) {
    const termRows = [];
    for (let year = startYear; year <= 2026; year++) {
      termRows.push({
        institutionId,
        code: `${year}-${year + 1}-1`,
        academicYear: `${year}-${year + 1}`,
        termNo: 1,
        startsOn: `${year}-09-01`,
        endsOn: `${year + 1}-01-20`,
        firstWeekStartsOn: defaultFirstWeek(`${year}-09-01`),
      });
      termRows.push({
        institutionId,
        code: `${year}-${year + 1}-2`,
        academicYear: `${year}-${year + 1}`,
        termNo: 2,
        startsOn: `${year + 1}-02-20`,
        endsOn: `${year + 1}-07-10`,
        firstWeekStartsOn: defaultFirstWeek(`${year + 1}-02-20`),
      });
    }
    await tx.insert(terms).values(termRows);
  }

  // Teachers: spread over the three groups (and a few without a group).
  const teacherRows: Record<string, unknown>[] = [];
  for (let i = 1; i <= teacherCount; i++) {
    const group = i % 10 === 0 ? null : groupRows[i % groupRows.length]!;
    const gender = random.chance(0.5) ? 'M' : 'F';
    const id = idNumber(random, random.int(1965, 1998), gender);
    const phone = mobile(random);
    const department = group ? clusterGroups[groupRows.indexOf(group)]!.department : random.pick(tjpcDepartments).code;
    teacherRows.push({
      institutionId: tjpc!.id,
      staffNo: `T${String(i).padStart(5, '0')}`,
      name: personName(random),
      gender,
      departmentId: departmentId.get(department)!,
      homeGroupId: group?.id ?? null,
      title: random.pick(titles),
      isDualQualified: random.chance(0.48),
      status: 'active',
      idNumber: id,
      phone,
      email: `t${String(i).padStart(5, '0')}@tjpc.example.edu.cn`,
    });
  }
  await insertChunked(tx, teachers, await withSealedPeople(tx, pii, 'teachers', teacherRows as never));
  const teacherIds = (
    await tx.select({ id: teachers.id, staffNo: teachers.staffNo }).from(teachers).where(eq(teachers.institutionId, tjpc!.id))
  ).sort((a, b) => a.staffNo.localeCompare(b.staffNo));

  // Students: evenly over the cluster's 15 majors and three cohorts, ~45 per class.
  const clusterMajors = majorRows.filter((major) => major.groupId !== null);
  const cohorts = [2023, 2024, 2025];
  const perMajorCohort = Math.ceil(options.students / (clusterMajors.length * cohorts.length));
  const classSize = 45;
  const classRows: Record<string, unknown>[] = [];
  const classKeys: Array<{ code: string; majorId: number; cohort: number; count: number }> = [];
  let remaining = options.students;
  for (const major of clusterMajors) {
    for (const cohort of cohorts) {
      const count = Math.min(perMajorCohort, remaining);
      remaining -= count;
      const classCount = Math.max(1, Math.ceil(count / classSize));
      for (let c = 1; c <= classCount && count > 0; c++) {
        const code = `${major.code}-${cohort}-${c}`;
        classRows.push({
          institutionId: tjpc!.id,
          code,
          name: `${major.name}${cohort}级${c}班`,
          majorId: major.id,
          cohortYear: cohort,
          headTeacherId: teacherIds[(classRows.length * 7) % teacherIds.length]!.id,
        });
        classKeys.push({ code, majorId: major.id, cohort, count: Math.min(classSize, count - (c - 1) * classSize) });
      }
    }
  }
  await insertChunked(tx, classes, classRows);
  const classIdByCode = new Map(
    (await tx.select({ id: classes.id, code: classes.code }).from(classes).where(eq(classes.institutionId, tjpc!.id))).map((row) => [
      row.code,
      row.id,
    ]),
  );
  const studentRows: Record<string, unknown>[] = [];
  const sequenceOf = new Map<string, number>();
  for (const klass of classKeys) {
    const major = majorRows.find((row) => row.id === klass.majorId)!;
    for (let n = 0; n < klass.count; n++) {
      const key = `${klass.cohort}${major.code}`;
      const sequence = (sequenceOf.get(key) ?? 0) + 1;
      sequenceOf.set(key, sequence);
      const gender = random.chance(0.7) ? 'M' : 'F';
      const id = idNumber(random, klass.cohort - 18 - random.int(0, 1), gender);
      const phone = mobile(random);
      studentRows.push({
        institutionId: tjpc!.id,
        studentNo: `${key}${String(sequence).padStart(4, '0')}`,
        name: personName(random),
        gender,
        cohortYear: klass.cohort,
        majorId: major.id,
        classId: classIdByCode.get(klass.code)!,
        status: klass.cohort === 2023 && random.chance(0.02) ? 'suspended' : 'enrolled',
        idNumber: id,
        phone,
      });
    }
  }
  await insertChunked(tx, students, await withSealedPeople(tx, pii, 'students', studentRows as never));

  // A few students at the technician college, to show that institutions' data stays apart.
  const techStudents: Record<string, unknown>[] = [];
  for (let n = 1; n <= 40; n++) {
    const id = idNumber(random, 2008, 'M');
    techStudents.push({
      institutionId: technician!.id,
      studentNo: `J2025${String(n).padStart(4, '0')}`,
      name: personName(random),
      gender: 'M',
      cohortYear: 2025,
      majorId: techMajors[n % 2]!.id,
      status: 'enrolled',
      idNumber: id,
      phone: null,
    });
  }
  await insertChunked(tx, students, await withSealedPeople(tx, pii, 'students', techStudents as never));

  const contactPhone = '13912340001';
  const [contactId] = await allocateIds(tx, 'enterprise_contacts', 1);
  const [contact] = await tx
    .insert(enterpriseContacts)
    .overridingSystemValue()
    .values({
      id: contactId!,
      institutionId: steel!.id,
      name: '周建国',
      position: '人力资源部经理',
      phoneEnc: pii.encrypt(contactPhone, sealedAt('enterprise_contacts', 'phone_enc', contactId!)),
      phoneMasked: maskPhone(contactPhone),
      email: 'hr@xtg.example.com',
    })
    .returning();

  // Demo accounts: one per role, each on the scope that role is usually granted.
  const firstStudent = await tx
    .select({ id: students.id, name: students.name, majorId: students.majorId })
    .from(students)
    .where(eq(students.studentNo, `2024${clusterMajors[0]!.code}0001`));
  const firstTeacher = teacherIds[1]!;
  const yj = groupRows[0]!;
  const coreMajor = majorRows.find((major) => major.code === '430401')!;
  const accounts: DemoAccountSpec[] = [
    {
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      scope: '联盟',
      scopeType: 'alliance',
      scopeId: alliance!.id,
      institutionId: tjpc!.id,
    },
    {
      username: 'jiaowu',
      displayName: '教务处 王老师',
      role: 'academic_affairs',
      scope: '天津工业职业学院',
      scopeType: 'institution',
      scopeId: tjpc!.id,
      institutionId: tjpc!.id,
    },
    {
      username: 'advisor',
      displayName: '咨询委员 刘专家',
      role: 'advisory_member',
      scope: '专业集群',
      scopeType: 'cluster',
      scopeId: cluster!.id,
      institutionId: tjpc!.id,
    },
    {
      username: 'grouplead',
      displayName: '冶金专业群负责人',
      role: 'group_lead',
      scope: '钢铁智能冶金专业群',
      scopeType: 'group',
      scopeId: yj.id,
      institutionId: tjpc!.id,
    },
    {
      username: 'majorlead',
      displayName: '钢铁智能冶金技术专业负责人',
      role: 'major_lead',
      scope: '430401 钢铁智能冶金技术',
      scopeType: 'major',
      scopeId: coreMajor.id,
      institutionId: tjpc!.id,
    },
    {
      username: 'labmanager',
      displayName: '实训中心 赵主任',
      role: 'lab_manager',
      scope: '专业集群',
      scopeType: 'cluster',
      scopeId: cluster!.id,
      institutionId: tjpc!.id,
    },
    {
      username: 'teacher',
      displayName: '教师',
      role: 'teacher',
      scope: '钢铁智能冶金专业群',
      scopeType: 'group',
      scopeId: yj.id,
      institutionId: tjpc!.id,
      teacherId: firstTeacher.id,
    },
    {
      username: 'supervisor',
      displayName: '督导 孙老师',
      role: 'supervisor',
      scope: '天津工业职业学院',
      scopeType: 'institution',
      scopeId: tjpc!.id,
      institutionId: tjpc!.id,
    },
    {
      username: 'student',
      displayName: firstStudent[0]?.name ?? '学生',
      role: 'student',
      scope: '本人',
      scopeType: 'major',
      scopeId: firstStudent[0]?.majorId ?? coreMajor.id,
      institutionId: tjpc!.id,
      studentId: firstStudent[0]?.id,
    },
    {
      username: 'enterprise',
      displayName: '新天钢 周经理',
      role: 'enterprise_partner',
      scope: '专业集群',
      scopeType: 'cluster',
      scopeId: cluster!.id,
      institutionId: tjpc!.id,
      enterpriseContactId: contact!.id,
    },
    {
      username: 'evaluator',
      displayName: '第三方评价机构',
      role: 'evaluator',
      scope: '专业集群',
      scopeType: 'cluster',
      scopeId: cluster!.id,
      institutionId: tjpc!.id,
    },
    {
      username: 'jishi',
      displayName: '技师学院教务',
      role: 'academic_affairs',
      scope: '天津冶金技师学院',
      scopeType: 'institution',
      scopeId: technician!.id,
      institutionId: technician!.id,
    },
  ];
  // Each login gets a demo address, so that e-mail notifications have somewhere to go once SMTP is set up.
  for (const account of accounts)
    account.email = `${account.username}@${account.institutionId === technician!.id ? 'tjyjjs' : 'tjpc'}.example.edu.cn`;
  return { accounts };
}
