import { bigint, boolean, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { MajorStatus, StudentStatus } from './rules.ts';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const alliances = pgTable('alliances', {
  id: id(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  createdAt: createdAt(),
});

export const institutions = pgTable('institutions', {
  id: id(),
  allianceId: ref('alliance_id'),
  code: text('code').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  kind: text('kind').notNull(),
  createdAt: createdAt(),
});

/** Membership of an institution in an alliance, with its role there (牵头单位 or member). */
export const institutionAlliances = pgTable(
  'institution_alliances',
  {
    institutionId: ref('institution_id').notNull(),
    allianceId: ref('alliance_id').notNull(),
    role: text('role').$type<'lead' | 'member'>().notNull().default('member'),
    joinedOn: date('joined_on'),
  },
  (table) => [primaryKey({ columns: [table.institutionId, table.allianceId] })],
);

export const departments = pgTable('departments', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull().default('department'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const clusters = pgTable('clusters', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  formedOn: text('formed_on'),
  description: text('description'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const professionalGroups = pgTable('professional_groups', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id'),
  code: text('code').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  departmentId: ref('department_id'),
  coreMajorCode: text('core_major_code'),
  industryChain: text('industry_chain'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const majors = pgTable('majors', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  departmentId: ref('department_id'),
  groupId: ref('group_id'),
  level: text('level').notNull().default('higher_vocational'),
  firstEnrolmentYear: integer('first_enrolment_year'),
  status: text('status').$type<MajorStatus>().notNull().default('enrolling'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const majorStatusHistory = pgTable('major_status_history', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  majorId: ref('major_id').notNull(),
  fromStatus: text('from_status').$type<MajorStatus>(),
  toStatus: text('to_status').$type<MajorStatus>().notNull(),
  effectiveYear: integer('effective_year'),
  reason: text('reason'),
  changedBy: ref('changed_by'),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const terms = pgTable('terms', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  code: text('code').notNull(),
  academicYear: text('academic_year').notNull(),
  termNo: integer('term_no').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  /** The Monday of teaching week 1 (第一教学周周一), a Monday within the term. */
  firstWeekStartsOn: date('first_week_starts_on').notNull(),
});

export const teachers = pgTable('teachers', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  staffNo: text('staff_no').notNull(),
  name: text('name').notNull(),
  gender: text('gender'),
  departmentId: ref('department_id'),
  homeGroupId: ref('home_group_id'),
  title: text('title'),
  isDualQualified: boolean('is_dual_qualified').notNull().default(false),
  status: text('status').notNull().default('active'),
  idNumberEnc: text('id_number_enc'),
  idNumberMasked: text('id_number_masked'),
  idNumberHash: text('id_number_hash'),
  phoneEnc: text('phone_enc'),
  phoneMasked: text('phone_masked'),
  phoneHash: text('phone_hash'),
  email: text('email'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const classes = pgTable('classes', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  majorId: ref('major_id').notNull(),
  cohortYear: integer('cohort_year').notNull(),
  headTeacherId: ref('head_teacher_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const students = pgTable('students', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  studentNo: text('student_no').notNull(),
  name: text('name').notNull(),
  gender: text('gender'),
  cohortYear: integer('cohort_year').notNull(),
  majorId: ref('major_id').notNull(),
  classId: ref('class_id'),
  status: text('status').$type<StudentStatus>().notNull().default('enrolled'),
  idNumberEnc: text('id_number_enc'),
  idNumberMasked: text('id_number_masked'),
  idNumberHash: text('id_number_hash'),
  phoneEnc: text('phone_enc'),
  phoneMasked: text('phone_masked'),
  phoneHash: text('phone_hash'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const enterpriseContacts = pgTable('enterprise_contacts', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  name: text('name').notNull(),
  position: text('position'),
  phoneEnc: text('phone_enc'),
  phoneMasked: text('phone_masked'),
  email: text('email'),
  createdAt: createdAt(),
});
