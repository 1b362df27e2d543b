import { bigint, boolean, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const credits = (name: string) => numeric(name, { precision: 4, scale: 1, mode: 'number' });

/** Credit-structure rules, versioned per cluster (see credit-rules-service.ts). */
export const creditRuleVersions = pgTable('credit_rule_versions', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id').notNull(),
  versionNo: integer('version_no').notNull(),
  rules: jsonb('rules').notNull(),
  effectiveFromCohort: integer('effective_from_cohort').notNull(),
  status: text('status').notNull().default('draft'),
  origin: text('origin').notNull().default('edited'),
  note: text('note'),
  revision: integer('revision').notNull().default(1),
  authors: bigint('authors', { mode: 'number' }).array().notNull().default([]),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedBy: ref('updated_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
  submittedBy: ref('submitted_by'),
  submittedAt: at('submitted_at'),
  approvedBy: ref('approved_by'),
  approvedAt: at('approved_at'),
  reviewComment: text('review_comment'),
  supersededById: ref('superseded_by_id'),
  supersededAt: at('superseded_at'),
});

export const courses = pgTable('courses', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id').notNull(),
  code: text('code').notNull(),
  status: text('status').notNull().default('draft'),
  currentVersionNo: integer('current_version_no').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const courseVersions = pgTable('course_versions', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  courseId: ref('course_id').notNull(),
  versionNo: integer('version_no').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  credits: credits('credits').notNull(),
  theoryHours: integer('theory_hours').notNull(),
  practiceHours: integer('practice_hours').notNull(),
  assessment: text('assessment').notNull(),
  layer: text('layer').notNull(),
  moduleType: text('module_type').notNull(),
  ownerGroupId: ref('owner_group_id'),
  certificateCodes: text('certificate_codes').array().notNull().default([]),
  prerequisiteCodes: text('prerequisite_codes').array().notNull().default([]),
  description: text('description'),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const programmes = pgTable('programmes', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id').notNull(),
  majorId: ref('major_id').notNull(),
  groupId: ref('group_id').notNull(),
  cohortYear: integer('cohort_year').notNull(),
  name: text('name').notNull(),
  graduationCredits: numeric('graduation_credits', { precision: 5, scale: 1, mode: 'number' }).notNull(),
  electiveCreditsRequired: credits('elective_credits_required').notNull().default(0),
  status: text('status').notNull().default('draft'),
  revision: integer('revision').notNull().default(1),
  copiedFromId: ref('copied_from_id'),
  /** The document's text parts (入学要求, 培养目标, …), keyed as in programme-texts.ts. */
  texts: jsonb('texts').$type<Record<string, string>>().notNull().default({}),
  /** What a copy to this cohort could not carry over as it was (see programme-copy.ts); null when not a copy. */
  copyReport: jsonb('copy_report').$type<unknown>(),
  submittedBy: ref('submitted_by'),
  submittedAt: at('submitted_at'),
  reviewedBy: ref('reviewed_by'),
  reviewedAt: at('reviewed_at'),
  reviewComment: text('review_comment'),
  publishedBy: ref('published_by'),
  publishedAt: at('published_at'),
  /**
   * The credit-rule version it was submitted and approved under
   * (null: a draft follows the version in force; else the seeds' defaults applied).
   */
  creditRuleVersionId: ref('credit_rule_version_id'),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const programmeCourses = pgTable('programme_courses', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  programmeId: ref('programme_id').notNull(),
  courseId: ref('course_id').notNull(),
  courseVersionId: ref('course_version_id').notNull(),
  termNo: integer('term_no').notNull(),
  isElective: boolean('is_elective').notNull().default(false),
});

export const selectionWindows = pgTable('selection_windows', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  termId: ref('term_id').notNull(),
  name: text('name').notNull(),
  mode: text('mode').notNull(),
  cohortYears: integer('cohort_years').array().notNull(),
  opensAt: at('opens_at').notNull(),
  closesAt: at('closes_at').notNull(),
  dropDeadline: at('drop_deadline').notNull(),
  creditCap: credits('credit_cap').notNull(),
  maxChoices: integer('max_choices').notNull().default(5),
  maxCourses: integer('max_courses').notNull().default(2),
  waitlistLimit: integer('waitlist_limit').notNull().default(30),
  lotterySeed: text('lottery_seed'),
  inputsHash: text('inputs_hash'),
  resultHash: text('result_hash'),
  drawSnapshot: jsonb('draw_snapshot'),
  drawnBy: ref('drawn_by'),
  drawnAt: at('drawn_at'),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const sections = pgTable('sections', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  termId: ref('term_id').notNull(),
  courseId: ref('course_id').notNull(),
  courseVersionId: ref('course_version_id').notNull(),
  windowId: ref('window_id'),
  code: text('code').notNull(),
  capacity: integer('capacity').notNull(),
  enrolledCount: integer('enrolled_count').notNull().default(0),
  waitlistCount: integer('waitlist_count').notNull().default(0),
  waitlistSeq: bigint('waitlist_seq', { mode: 'number' }).notNull().default(0),
  room: text('room'),
  gradeScheme: text('grade_scheme').notNull().default('percent'),
  gradesPublishedAt: at('grades_published_at'),
  status: text('status').notNull().default('open'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const sectionTeachers = pgTable(
  'section_teachers',
  {
    institutionId: ref('institution_id').notNull(),
    sectionId: ref('section_id').notNull(),
    teacherId: ref('teacher_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.sectionId, table.teacherId] })],
);

export const sectionClasses = pgTable(
  'section_classes',
  {
    institutionId: ref('institution_id').notNull(),
    sectionId: ref('section_id').notNull(),
    classId: ref('class_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.sectionId, table.classId] })],
);

export const sectionMeetings = pgTable('section_meetings', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  sectionId: ref('section_id').notNull(),
  weekday: integer('weekday').notNull(),
  firstPeriod: integer('first_period').notNull(),
  lastPeriod: integer('last_period').notNull(),
  firstWeek: integer('first_week').notNull(),
  lastWeek: integer('last_week').notNull(),
});

export const enrolments = pgTable('enrolments', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  sectionId: ref('section_id').notNull(),
  courseId: ref('course_id').notNull(),
  termId: ref('term_id').notNull(),
  studentId: ref('student_id').notNull(),
  status: text('status').notNull(),
  waitlistSeq: bigint('waitlist_seq', { mode: 'number' }),
  source: text('source').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const selectionRequests = pgTable(
  'selection_requests',
  {
    institutionId: ref('institution_id').notNull(),
    studentId: ref('student_id').notNull(),
    requestId: text('request_id').notNull(),
    action: text('action').notNull(),
    sectionId: ref('section_id').notNull(),
    response: jsonb('response').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.studentId, table.requestId] })],
);

export const selectionPreferences = pgTable('selection_preferences', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  windowId: ref('window_id').notNull(),
  studentId: ref('student_id').notNull(),
  rank: integer('rank').notNull(),
  sectionId: ref('section_id').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const grades = pgTable('grades', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  sectionId: ref('section_id').notNull(),
  studentId: ref('student_id').notNull(),
  courseId: ref('course_id').notNull(),
  termId: ref('term_id').notNull(),
  scheme: text('scheme').notNull(),
  score: numeric('score', { precision: 4, scale: 1, mode: 'number' }),
  level: text('level'),
  passed: boolean('passed').notNull(),
  credits: credits('credits').notNull(),
  enteredBy: ref('entered_by'),
  enteredAt: at('entered_at').notNull().defaultNow(),
});

export const earnedCredits = pgTable('earned_credits', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  studentId: ref('student_id').notNull(),
  courseId: ref('course_id').notNull(),
  courseVersionId: ref('course_version_id').notNull(),
  termId: ref('term_id').notNull(),
  gradeId: ref('grade_id').notNull(),
  credits: credits('credits').notNull(),
  layer: text('layer').notNull(),
  crossGroup: boolean('cross_group').notNull(),
  earnedAt: at('earned_at').notNull().defaultNow(),
});

/** The period timetable (作息时间表) of an institution; without a row the defaults of timetable.ts apply. */
export const periodTimetables = pgTable('period_timetables', {
  institutionId: ref('institution_id').primaryKey(),
  periods: jsonb('periods').notNull(),
  updatedBy: ref('updated_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
