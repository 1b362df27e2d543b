/**
 * Demo data of the courses module: the cluster's course pool in three layers (000_*.txt §(三)1:
 * 8 shared courses / 50 credits, 22 group-core credits, 16 cross-group credits), published
 * programmes for every cluster major and cohort, sections of the coming term in two open
 * selection windows (first-come and preference+draw), and a year of published shared-course grades.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import type { DemoContext } from '../../platform/module.ts';
import { classes, majors, professionalGroups, students, teachers, terms } from '../org/schema.ts';
import { clusterByCode, clusterById } from '../org/read.ts';
import { seedCreditRuleVersion } from './credit-rules-demo.ts';
import { demoProgrammeTexts } from './demo-texts.ts';
import {
  courses,
  courseVersions,
  programmeCourses,
  programmes,
  sectionClasses,
  sectionMeetings,
  sections,
  sectionTeachers,
  selectionWindows,
} from './schema.ts';
import type { AssessmentType, CourseLayer, ModuleType } from './rules.ts';

interface DemoCourse {
  code: string;
  name: string;
  nameEn: string;
  credits: number;
  theory: number;
  practice: number;
  assessment: AssessmentType;
  layer: CourseLayer;
  module: ModuleType;
  group: string | null;
  term: number;
  prerequisites?: string[];
  certificates?: string[];
}

const shared: DemoCourse[] = [
  {
    code: 'GX-101',
    name: '思想道德与法治',
    nameEn: 'Ethics and Rule of Law',
    credits: 3,
    theory: 40,
    practice: 8,
    assessment: 'exam',
    layer: 'shared',
    module: 'ideology_culture',
    group: null,
    term: 1,
  },
  {
    code: 'GX-102',
    name: '高等数学',
    nameEn: 'Advanced Mathematics',
    credits: 6,
    theory: 96,
    practice: 0,
    assessment: 'exam',
    layer: 'shared',
    module: 'ideology_culture',
    group: null,
    term: 1,
  },
  {
    code: 'GX-103',
    name: '大学英语',
    nameEn: 'College English',
    credits: 8,
    theory: 96,
    practice: 32,
    assessment: 'exam',
    layer: 'shared',
    module: 'ideology_culture',
    group: null,
    term: 2,
  },
  {
    code: 'GX-104',
    name: '信息技术',
    nameEn: 'Information Technology',
    credits: 4,
    theory: 32,
    practice: 32,
    assessment: 'assessment',
    layer: 'shared',
    module: 'ideology_culture',
    group: null,
    term: 1,
  },
  {
    code: 'GX-105',
    name: '生态文明',
    nameEn: 'Ecological Civilisation',
    credits: 4,
    theory: 48,
    practice: 16,
    assessment: 'assessment',
    layer: 'shared',
    module: 'ideology_culture',
    group: null,
    term: 2,
  },
  {
    code: 'GX-106',
    name: '绿色制造基础',
    nameEn: 'Fundamentals of Green Manufacturing',
    credits: 8,
    theory: 64,
    practice: 64,
    assessment: 'exam',
    layer: 'shared',
    module: 'professional',
    group: null,
    term: 2,
  },
  {
    code: 'GX-107',
    name: '智能制造导论',
    nameEn: 'Introduction to Intelligent Manufacturing',
    credits: 8,
    theory: 64,
    practice: 64,
    assessment: 'exam',
    layer: 'shared',
    module: 'professional',
    group: null,
    term: 3,
    prerequisites: ['GX-106'],
  },
  {
    code: 'GX-108',
    name: '工程制图与CAD',
    nameEn: 'Engineering Drawing and CAD',
    credits: 9,
    theory: 48,
    practice: 96,
    assessment: 'exam',
    layer: 'shared',
    module: 'professional',
    group: null,
    term: 1,
    certificates: ['CAD-M'],
  },
  {
    code: 'GX-109',
    name: '创新创业基础',
    nameEn: 'Innovation and Entrepreneurship',
    credits: 2,
    theory: 16,
    practice: 16,
    assessment: 'assessment',
    layer: 'shared',
    module: 'innovation',
    group: null,
    term: 3,
  },
];

const groupCourses: Record<string, Array<[code: string, name: string, nameEn: string]>> = {
  YJ: [
    ['YJ-201', '冶金原理', 'Metallurgical Principles'],
    ['YJ-202', '钢铁冶炼工艺', 'Iron and Steel Making'],
    ['YJ-203', '连铸技术', 'Continuous Casting'],
    ['YJ-204', '冶金设备', 'Metallurgical Equipment'],
    ['YJ-205', '冶金过程自动控制', 'Metallurgical Process Control'],
    ['YJ-301', '炼铁技术', 'Ironmaking'],
    ['YJ-302', '轧钢技术', 'Steel Rolling'],
    ['YJ-303', '冶金安全生产', 'Safety in Metallurgy'],
    ['YJ-304', '冶金环境监测', 'Environmental Monitoring'],
    ['YJ-401', '绿色低碳冶金技术', 'Low-carbon Metallurgy'],
    ['YJ-402', '冶金固废资源化', 'Metallurgical Waste Recycling'],
    ['YJ-403', '智能炼钢仿真', 'Steelmaking Simulation'],
    ['YJ-404', '钢铁材料检测', 'Steel Materials Testing'],
  ],
  KZ: [
    ['KZ-201', 'PLC 控制技术', 'PLC Control'],
    ['KZ-202', '传感器与检测技术', 'Sensors and Measurement'],
    ['KZ-203', '电机与电气控制', 'Motors and Electrical Control'],
    ['KZ-204', '工业机器人编程', 'Industrial Robot Programming'],
    ['KZ-205', '运动控制技术', 'Motion Control'],
    ['KZ-301', '智能控制系统集成', 'Control System Integration'],
    ['KZ-302', '液压与气动', 'Hydraulics and Pneumatics'],
    ['KZ-303', '单片机应用', 'Microcontroller Applications'],
    ['KZ-304', '数控加工', 'CNC Machining'],
    ['KZ-401', '智能产线集成', 'Smart Production Lines'],
    ['KZ-402', '机器视觉应用', 'Machine Vision'],
    ['KZ-403', '无人机操控与维护', 'Drone Operation'],
    ['KZ-404', '数字孪生技术', 'Digital Twins'],
  ],
  GYHLW: [
    ['HL-201', '工业网络技术', 'Industrial Networks'],
    ['HL-202', '工业互联网平台', 'Industrial Internet Platforms'],
    ['HL-203', '数据采集与边缘计算', 'Data Acquisition and Edge Computing'],
    ['HL-204', '工业大数据分析', 'Industrial Big Data'],
    ['HL-205', '工业信息安全', 'Industrial Information Security'],
    ['HL-301', '电气自动化系统', 'Electrical Automation'],
    ['HL-302', '嵌入式系统', 'Embedded Systems'],
    ['HL-303', '云计算基础', 'Cloud Computing'],
    ['HL-304', '网络组建与运维', 'Network Operations'],
    ['HL-401', '工业 APP 开发', 'Industrial App Development'],
    ['HL-402', '5G 工业应用', '5G in Industry'],
    ['HL-403', '工业云平台运维', 'Industrial Cloud Operations'],
    ['HL-404', '工业数据可视化', 'Industrial Data Visualisation'],
  ],
};

/** Group courses: 5 core (22 credits), 4 direction, 4 cross-group extension; plus practice courses per group. */
function coursesOfGroup(group: string): DemoCourse[] {
  const list = groupCourses[group]!;
  const core = [6, 4, 4, 4, 4];
  const coreTerms = [3, 3, 4, 4, 4];
  const result: DemoCourse[] = list.slice(0, 5).map(([code, name, nameEn], index) => ({
    code,
    name,
    nameEn,
    credits: core[index]!,
    theory: core[index]! * 8,
    practice: core[index]! * 8,
    assessment: 'exam',
    layer: 'core',
    module: 'professional',
    group,
    term: coreTerms[index]!,
  }));
  result.push(
    ...list.slice(5, 9).map(([code, name, nameEn], index): DemoCourse => ({
      code,
      name,
      nameEn,
      credits: 4,
      theory: 32,
      practice: 32,
      assessment: index % 2 ? 'assessment' : 'exam',
      layer: 'core',
      module: 'professional',
      group,
      term: index < 2 ? 4 : 5,
    })),
  );
  result.push(
    ...list.slice(9, 13).map(([code, name, nameEn]): DemoCourse => ({
      code,
      name,
      nameEn,
      credits: 4,
      theory: 32,
      practice: 32,
      assessment: 'assessment',
      layer: 'extension',
      module: 'extension',
      group,
      term: 4,
    })),
  );
  const prefix = list[0]![0].split('-')[0];
  result.push(
    {
      code: `${prefix}-501`,
      name: '技能竞赛训练',
      nameEn: 'Skills Competition Training',
      credits: 2,
      theory: 0,
      practice: 48,
      assessment: 'assessment',
      layer: 'core',
      module: 'extension',
      group,
      term: 5,
    },
    {
      code: `${prefix}-502`,
      name: '专业综合实训',
      nameEn: 'Integrated Practical Training',
      credits: 10,
      theory: 0,
      practice: 240,
      assessment: 'assessment',
      layer: 'core',
      module: 'professional',
      group,
      term: 5,
    },
    {
      code: `${prefix}-503`,
      name: '毕业设计',
      nameEn: 'Graduation Project',
      credits: 6,
      theory: 0,
      practice: 144,
      assessment: 'assessment',
      layer: 'core',
      module: 'professional',
      group,
      term: 5,
    },
    {
      code: `${prefix}-504`,
      name: '岗位实习',
      nameEn: 'Workplace Internship',
      credits: 24,
      theory: 0,
      practice: 576,
      assessment: 'assessment',
      layer: 'core',
      module: 'professional',
      group,
      term: 6,
    },
  );
  return result;
}

export interface CourseDemoOptions {
  institutionId: number;
  clusterId: number;
  /** Users recorded as submitter and approver of the demo programmes. */
  submittedBy: number;
  approvedBy: number;
  demoTeacherId: number | null;
  now?: Date;
}

/** The demo cluster's pool, programmes and selection windows, recorded as the demo group lead's and approved by 教务. */
export async function seedCourseDemo(demo: DemoContext): Promise<void> {
  const cluster = await clusterByCode(demo.db, 'LSZNZZ');
  if (!cluster) return;
  await seedCourses(demo.db, {
    institutionId: cluster.institutionId,
    clusterId: cluster.id,
    submittedBy: demo.user('grouplead').id,
    approvedBy: demo.user('jiaowu').id,
    demoTeacherId: demo.user('teacher').teacherId,
  });
}

export async function seedCourses(tx: Db, options: CourseDemoOptions): Promise<void> {
  const now = options.now ?? new Date();
  const { institutionId, clusterId } = options;
  const groupRows = await tx
    .select()
    .from(professionalGroups)
    .where(eq(professionalGroups.clusterId, clusterId))
    .orderBy(asc(professionalGroups.code));
  const groupId = new Map(groupRows.map((group) => [group.code, group.id]));
  const all = [...shared, ...groupRows.flatMap((group) => coursesOfGroup(group.code))];

  const courseRows = await tx
    .insert(courses)
    .values(all.map((course) => ({ institutionId, clusterId, code: course.code, status: 'published', currentVersionNo: 1 })))
    .returning();
  const courseId = new Map(courseRows.map((row) => [row.code, row.id]));
  const versionRows = await tx
    .insert(courseVersions)
    .values(
      all.map((course) => ({
        institutionId,
        courseId: courseId.get(course.code)!,
        versionNo: 1,
        name: course.name,
        nameEn: course.nameEn,
        credits: course.credits,
        theoryHours: course.theory,
        practiceHours: course.practice,
        assessment: course.assessment,
        layer: course.layer,
        moduleType: course.module,
        ownerGroupId: course.group ? groupId.get(course.group)! : null,
        certificateCodes: course.certificates ?? [],
        prerequisiteCodes: course.prerequisites ?? [],
      })),
    )
    .returning();
  const versionId = new Map(versionRows.map((row) => [row.courseId, row.id]));

  // A second version of 智能制造导论: programmes from 2025 on use it; older ones keep version 1.
  const revised = courseId.get('GX-107')!;
  const [v2] = await tx
    .insert(courseVersions)
    .values({
      institutionId,
      courseId: revised,
      versionNo: 2,
      name: '智能制造导论',
      nameEn: 'Introduction to Intelligent Manufacturing',
      credits: 8,
      theoryHours: 56,
      practiceHours: 72,
      assessment: 'exam',
      layer: 'shared',
      moduleType: 'professional',
      ownerGroupId: null,
      certificateCodes: ['IM-P'],
      prerequisiteCodes: ['GX-106'],
      description: '2025 版：增加数字孪生与工业机器人实践项目',
    })
    .returning();
  await tx.update(courses).set({ currentVersionNo: 2 }).where(eq(courses.id, revised));

  // Programmes: every cluster major, cohorts 2023–2025, published; electives = the other groups' extension courses.
  const majorRows = await tx
    .select()
    .from(majors)
    .where(
      inArray(
        majors.groupId,
        groupRows.map((group) => group.id),
      ),
    )
    .orderBy(asc(majors.code));
  const groupCodeOf = new Map(groupRows.map((group) => [group.id, group.code]));
  const clusterName = (await clusterById(tx, clusterId))?.name ?? '';
  const reviewedAt = new Date(now.getTime() - 400 * 86_400_000);
  // The demo programmes were approved under version 1 of the rules (the seeds' defaults) and keep it.
  const ruleVersion = await seedCreditRuleVersion(tx, {
    institutionId,
    clusterId,
    approvedBy: options.approvedBy,
    approvedAt: reviewedAt,
    firstCohort: 2023,
  });
  for (const cohortYear of [2023, 2024, 2025]) {
    const rows = await tx
      .insert(programmes)
      .values(
        majorRows.map((major) => ({
          institutionId,
          clusterId,
          majorId: major.id,
          groupId: major.groupId!,
          cohortYear,
          name: `${major.name}专业${cohortYear}级人才培养方案`,
          graduationCredits: 148,
          electiveCreditsRequired: 16,
          texts: demoProgrammeTexts({ majorName: major.name, groupCode: groupCodeOf.get(major.groupId!)!, clusterName, termCount: 6 }),
          status: 'published',
          revision: 4,
          submittedBy: options.submittedBy,
          submittedAt: reviewedAt,
          reviewedBy: options.approvedBy,
          reviewedAt,
          publishedBy: options.approvedBy,
          publishedAt: reviewedAt,
          creditRuleVersionId: ruleVersion.id,
          createdBy: options.submittedBy,
        })),
      )
      .returning();
    const items = rows.flatMap((programme) => {
      const own = groupCodeOf.get(programme.groupId)!;
      const mine = all.filter((course) => course.group === null || (course.group === own && course.layer !== 'extension'));
      const electives = all.filter((course) => course.layer === 'extension' && course.group !== own);
      return [
        ...mine.map((course) => ({
          institutionId,
          programmeId: programme.id,
          courseId: courseId.get(course.code)!,
          termNo: course.term,
          isElective: false,
          courseVersionId: course.code === 'GX-107' && cohortYear >= 2025 ? v2!.id : versionId.get(courseId.get(course.code)!)!,
        })),
        ...electives.map((course, index) => ({
          institutionId,
          programmeId: programme.id,
          courseId: courseId.get(course.code)!,
          termNo: index % 2 === 0 ? 4 : 5,
          isElective: true,
          courseVersionId: versionId.get(courseId.get(course.code)!)!,
        })),
      ];
    });
    for (let start = 0; start < items.length; start += 1000) await tx.insert(programmeCourses).values(items.slice(start, start + 1000));
  }

  const termRows = await tx.select().from(terms).where(eq(terms.institutionId, institutionId));
  const termId = new Map(termRows.map((term) => [term.code, term.id]));
  const teacherRows = await tx
    .select({ id: teachers.id, homeGroupId: teachers.homeGroupId })
    .from(teachers)
    .where(and(eq(teachers.institutionId, institutionId), eq(teachers.status, 'active')))
    .orderBy(asc(teachers.staffNo));
  const teachersOf = (groupCode: string | null) => {
    const list = teacherRows.filter((teacher) => groupCode === null || teacher.homeGroupId === groupId.get(groupCode));
    return list.length > 0 ? list : teacherRows;
  };
  const upcomingTerm = termId.get('2026-2027-2');
  const currentTerm = termId.get('2026-2027-1');
  const earlyTerm = termId.get('2024-2025-1');
  if (!upcomingTerm || !currentTerm || !earlyTerm || teacherRows.length === 0) return;

  // Selection windows of the coming term, open now.
  const day = 86_400_000;
  const [firstCome] = await tx
    .insert(selectionWindows)
    .values({
      institutionId,
      termId: upcomingTerm,
      name: '2026-2027学年第二学期 跨群拓展选修（先到先得）',
      mode: 'first_come',
      cohortYears: [2024, 2025],
      opensAt: new Date(now.getTime() - 2 * day),
      closesAt: new Date(now.getTime() + 14 * day),
      dropDeadline: new Date(now.getTime() + 21 * day),
      creditCap: 12,
      maxChoices: 5,
      maxCourses: 2,
      waitlistLimit: 30,
      createdBy: options.approvedBy,
    })
    .returning();
  const [lottery] = await tx
    .insert(selectionWindows)
    .values({
      institutionId,
      termId: upcomingTerm,
      name: '2026-2027学年第二学期 跨群拓展选修（志愿+抽签，2023级）',
      mode: 'lottery',
      cohortYears: [2023],
      opensAt: new Date(now.getTime() - 1 * day),
      closesAt: new Date(now.getTime() + 7 * day),
      dropDeadline: new Date(now.getTime() + 21 * day),
      creditCap: 12,
      maxChoices: 5,
      maxCourses: 2,
      waitlistLimit: 30,
      createdBy: options.approvedBy,
    })
    .returning();
  const extensions = all.filter((course) => course.layer === 'extension');
  const sectionSpecs: Array<{
    code: string;
    course: DemoCourse;
    windowId: number;
    capacity: number;
    teacherId: number;
    room: string;
    weekday: number;
    firstPeriod: number;
  }> = [];
  extensions.forEach((course, index) => {
    const pool = teachersOf(course.group);
    for (let n = 1; n <= 2; n += 1) {
      const slot = index * 2 + n - 1;
      sectionSpecs.push({
        code: `${course.code}-0${n}`,
        course,
        windowId: firstCome!.id,
        capacity: 30,
        teacherId: pool[(slot * 3) % pool.length]!.id,
        room: `实训楼${String.fromCharCode(65 + (slot % 4))}${101 + slot}`,
        weekday: (slot % 5) + 1,
        firstPeriod: [1, 3, 5, 7][Math.floor(slot / 5) % 4]!,
      });
    }
    if (index % 2 === 0) {
      const slot = 24 + index / 2;
      sectionSpecs.push({
        code: `${course.code}-L1`,
        course,
        windowId: lottery!.id,
        capacity: 10,
        teacherId: pool[(slot * 5) % pool.length]!.id,
        room: `实训楼E${101 + slot}`,
        weekday: (slot % 5) + 1,
        firstPeriod: 9,
      });
    }
  });
  const sectionRows = await tx
    .insert(sections)
    .values(
      sectionSpecs.map((spec) => ({
        institutionId,
        termId: upcomingTerm,
        courseId: courseId.get(spec.course.code)!,
        courseVersionId: versionId.get(courseId.get(spec.course.code)!)!,
        windowId: spec.windowId,
        code: spec.code,
        capacity: spec.capacity,
        room: spec.room,
        gradeScheme: 'percent',
      })),
    )
    .returning();
  await tx
    .insert(sectionTeachers)
    .values(sectionRows.map((row, index) => ({ institutionId, sectionId: row.id, teacherId: sectionSpecs[index]!.teacherId })));
  await tx.insert(sectionMeetings).values(
    sectionRows.map((row, index) => ({
      institutionId,
      sectionId: row.id,
      weekday: sectionSpecs[index]!.weekday,
      firstPeriod: sectionSpecs[index]!.firstPeriod,
      lastPeriod: sectionSpecs[index]!.firstPeriod + 1,
      firstWeek: 1,
      lastWeek: 16,
    })),
  );

  // The current term: 智能制造导论 for cohort 2025, one section per group, taught by the demo teacher (grades still to enter).
  const cohort2025Classes = await tx
    .select({ id: classes.id, majorId: classes.majorId })
    .from(classes)
    .where(and(eq(classes.institutionId, institutionId), eq(classes.cohortYear, 2025)));
  for (const [index, group] of groupRows.entries()) {
    const groupMajors = new Set(majorRows.filter((major) => major.groupId === group.id).map((major) => major.id));
    const classIds = cohort2025Classes.filter((klass) => groupMajors.has(klass.majorId)).map((klass) => klass.id);
    if (classIds.length === 0) continue;
    const [section] = await tx
      .insert(sections)
      .values({
        institutionId,
        termId: currentTerm,
        courseId: revised,
        courseVersionId: v2!.id,
        code: `GX-107-${group.code}`,
        capacity: 1,
        room: `教学楼B${201 + index}`,
        gradeScheme: 'percent',
      })
      .returning();
    const pool = teachersOf(group.code);
    const teacher = group.code === 'YJ' && options.demoTeacherId ? options.demoTeacherId : pool[(index + 7) % pool.length]!.id;
    await tx.insert(sectionTeachers).values({ institutionId, sectionId: section!.id, teacherId: teacher });
    await tx.insert(sectionClasses).values(classIds.map((classId) => ({ institutionId, sectionId: section!.id, classId })));
    await tx
      .insert(sectionMeetings)
      .values({ institutionId, sectionId: section!.id, weekday: index + 1, firstPeriod: 1, lastPeriod: 4, firstWeek: 1, lastWeek: 18 });
    await enrolClassesBySql(tx, section!.id);
  }

  // History: cohort 2024's first-term shared courses, graded and published, with their credits and events.
  const firstTerm = shared.filter((course) => course.term === 1);
  const cohort2024Classes = await tx
    .select({ id: classes.id })
    .from(classes)
    .where(and(eq(classes.institutionId, institutionId), eq(classes.cohortYear, 2024)));
  if (cohort2024Classes.length === 0) return;
  for (const [index, course] of firstTerm.entries()) {
    const [section] = await tx
      .insert(sections)
      .values({
        institutionId,
        termId: earlyTerm,
        courseId: courseId.get(course.code)!,
        courseVersionId: versionId.get(courseId.get(course.code)!)!,
        code: `${course.code}-2024`,
        capacity: 1,
        room: `教学楼A${101 + index}`,
        gradeScheme: 'percent',
        gradesPublishedAt: new Date('2025-01-25T08:00:00Z'),
      })
      .returning();
    await tx
      .insert(sectionTeachers)
      .values({ institutionId, sectionId: section!.id, teacherId: teacherRows[(index + 2) % teacherRows.length]!.id });
    await tx
      .insert(sectionClasses)
      .values(cohort2024Classes.map((klass) => ({ institutionId, sectionId: section!.id, classId: klass.id })));
    await enrolClassesBySql(tx, section!.id);
    // Scores from a hash of student and course: reproducible, about one in seven below 60.
    await tx.execute(sql`
      INSERT INTO grades (institution_id, section_id, student_id, course_id, term_id, scheme, score, passed, credits, entered_at)
      SELECT e.institution_id, e.section_id, e.student_id, e.course_id, e.term_id, 'percent', g.score, g.score >= 60, CASE WHEN g.score >= 60 THEN ${course.credits}::numeric ELSE 0 END, '2025-01-20T08:00:00Z'
      FROM enrolments e CROSS JOIN LATERAL (SELECT (52 + abs(hashtext(e.student_id::text || ${course.code}::text)) % 48)::numeric AS score) g
      WHERE e.section_id = ${section!.id}`);
    await tx.execute(sql`
      INSERT INTO earned_credits (institution_id, student_id, course_id, course_version_id, term_id, grade_id, credits, layer, cross_group, earned_at)
      SELECT g.institution_id, g.student_id, g.course_id, ${versionId.get(courseId.get(course.code)!)!}::bigint, g.term_id, g.id, g.credits, 'shared', false, '2025-01-25T08:00:00Z'
      FROM grades g WHERE g.section_id = ${section!.id} AND g.passed`);
    await tx.execute(sql`
      INSERT INTO domain_events (institution_id, type, aggregate, aggregate_id, dedupe_key, payload, occurred_at)
      SELECT ec.institution_id, 'courses.credits_earned', 'student', ec.student_id::text, 'courses.credits_earned:' || ec.id,
             json_build_object('earnedCreditId', ec.id, 'studentId', ec.student_id, 'studentNo', s.student_no, 'courseId', ec.course_id, 'courseCode', ${course.code}::text,
                               'courseName', ${course.name}::text, 'courseVersionId', ec.course_version_id, 'credits', ec.credits, 'layer', ec.layer, 'crossGroup', ec.cross_group,
                               'termId', ec.term_id, 'gradeId', ec.grade_id)::jsonb, ec.earned_at
      FROM earned_credits ec JOIN students s ON s.id = ec.student_id JOIN grades g ON g.id = ec.grade_id WHERE g.section_id = ${section!.id}`);
  }
}

async function enrolClassesBySql(tx: Db, sectionId: number) {
  await tx.execute(sql`
    INSERT INTO enrolments (institution_id, section_id, course_id, term_id, student_id, status, source)
    SELECT sec.institution_id, sec.id, sec.course_id, sec.term_id, s.id, 'enrolled', 'assigned'
    FROM sections sec JOIN section_classes sc ON sc.section_id = sec.id JOIN ${students} s ON s.class_id = sc.class_id AND s.status = 'enrolled'
    WHERE sec.id = ${sectionId}`);
  await tx.execute(sql`
    UPDATE sections SET enrolled_count = c.n, capacity = GREATEST(c.n, 1)
    FROM (SELECT count(*)::int AS n FROM enrolments WHERE section_id = ${sectionId} AND status = 'enrolled') c WHERE sections.id = ${sectionId}`);
}
