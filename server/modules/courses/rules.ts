/**
 * Pure rules of the courses module (no I/O): course layers, the credit structure of a training
 * programme, timetable clashes, selection eligibility, the seeded lottery and grade schemes.
 */
import { createHash } from 'node:crypto';
import type { MessageKey, MessageParams } from '../../platform/messages.ts';
import './messages.ts';
import { round1 } from '../../platform/numbers.ts';

type Bilingual = { 'zh-CN': string; en: string };

// ---------------------------------------------------------------------------------------------
// Course pool vocabulary

/** 底层共享 (cluster-wide shared platform) · 中层分立 (a group's core module) · 高层互选 (cross-group extension). */
export const courseLayers = ['shared', 'core', 'extension'] as const;
export type CourseLayer = (typeof courseLayers)[number];
export const courseLayerLabels: Record<CourseLayer, Bilingual> = {
  shared: { 'zh-CN': '底层共享', en: 'Shared platform' },
  core: { 'zh-CN': '中层分立', en: 'Group core' },
  extension: { 'zh-CN': '高层互选', en: 'Cross-group extension' },
};

/** Module types of 003_*.txt. */
export const moduleTypes = ['ideology_culture', 'professional', 'extension', 'innovation'] as const;
export type ModuleType = (typeof moduleTypes)[number];
export const moduleTypeLabels: Record<ModuleType, Bilingual> = {
  ideology_culture: { 'zh-CN': '思政文化素质模块', en: 'Ideology and culture' },
  professional: { 'zh-CN': '专业模块', en: 'Professional' },
  extension: { 'zh-CN': '拓展模块', en: 'Extension' },
  innovation: { 'zh-CN': '双创模块', en: 'Innovation and entrepreneurship' },
};

/** A course's life: drafted, published to the pool, retired (kept for the programmes that used it). */
export const courseStatuses = ['draft', 'published', 'retired'] as const;
export type CourseStatus = (typeof courseStatuses)[number];

export const assessmentTypes = ['exam', 'assessment'] as const;
export type AssessmentType = (typeof assessmentTypes)[number];
export const assessmentLabels: Record<AssessmentType, Bilingual> = {
  exam: { 'zh-CN': '考试', en: 'Examination' },
  assessment: { 'zh-CN': '考查', en: 'Assessment' },
};

/** Shared-platform courses belong to the cluster (no owning group); every other layer has an owner group. */
export function ownerFitsLayer(layer: CourseLayer, ownerGroupId: number | null): boolean {
  return layer === 'shared' ? ownerGroupId === null : ownerGroupId !== null;
}

/** Course codes: letters, digits and '-', 2–20 characters (e.g. JQ-101). */
export function isCourseCode(code: string): boolean {
  return /^[A-Za-z0-9-]{2,20}$/.test(code);
}

/** The fields of a course version that a diff compares, in display order. */
export const versionedFields = [
  'name',
  'nameEn',
  'credits',
  'theoryHours',
  'practiceHours',
  'assessment',
  'layer',
  'moduleType',
  'ownerGroupId',
  'certificateCodes',
  'prerequisiteCodes',
  'description',
] as const;
export type VersionedField = (typeof versionedFields)[number];
export type CourseVersionFields = Record<VersionedField, unknown>;

export interface FieldChange {
  field: VersionedField;
  from: unknown;
  to: unknown;
}

export function diffVersions(from: CourseVersionFields, to: CourseVersionFields): FieldChange[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
  return versionedFields
    .filter((field) => !same(from[field], to[field]))
    .map((field) => ({ field, from: from[field] ?? null, to: to[field] ?? null }));
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? null : [...new Set(value.map(String))].sort();
  if (value === undefined || value === '') return null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Credit-structure rules of a training programme

/** Configurable per cluster; defaults are the seeds' (000_*.txt §(三)1, 图 3). */
export interface CreditStructureRules {
  /** 底层共享: number of courses and credits. */
  sharedCourseCount: number;
  sharedCredits: number;
  /** 中层分立: credits of the own group's core courses. */
  coreCredits: number;
  /** 高层互选: credits that must come from extension courses owned by other groups. */
  crossGroupExtensionCredits: number;
  /** Practice hours ÷ all hours of required courses (national guideline for 高职: at least half). */
  practiceShareMin: number;
  totalCreditsMin: number;
  totalCreditsMax: number;
  /** Credits of required courses placed in one term. */
  termCreditsMax: number;
  /** Terms a programme spans (6 for three-year 高职). */
  termCount: number;
}

export const defaultCreditRules: CreditStructureRules = {
  sharedCourseCount: 8,
  sharedCredits: 50,
  coreCredits: 22,
  crossGroupExtensionCredits: 16,
  practiceShareMin: 0.5,
  totalCreditsMin: 120,
  totalCreditsMax: 160,
  termCreditsMax: 32,
  termCount: 6,
};

export interface ProgrammeCourseInput {
  courseId: number;
  code: string;
  name: string;
  termNo: number;
  isElective: boolean;
  credits: number;
  theoryHours: number;
  practiceHours: number;
  layer: CourseLayer;
  moduleType: ModuleType;
  ownerGroupId: number | null;
  prerequisiteCodes: string[];
}

export interface ProgrammeInput {
  /** The group of the programme's major: "other groups" are measured against it. */
  groupId: number | null;
  graduationCredits: number;
  /** Credits a student must earn from the elective options (the cross-group extension choice). */
  electiveCreditsRequired: number;
  courses: ProgrammeCourseInput[];
}

export const ruleStatuses = ['ok', 'missing', 'over', 'invalid'] as const;
export type RuleStatus = (typeof ruleStatuses)[number];

/** The findings checkProgramme can report. */
export const ruleNames = [
  'shared_course_count',
  'shared_credits',
  'core_credits',
  'cross_group_extension_credits',
  'practice_share',
  'total_credits',
  'graduation_credits',
  'term_credits',
  'elective_options',
  'elective_not_cross_group',
  'core_from_other_group',
  'term_range',
  'prerequisite_order',
] as const;
export type RuleName = (typeof ruleNames)[number];

export interface RuleResult {
  rule: RuleName;
  status: RuleStatus;
  actual: number | null;
  required: number | null;
  /** Courses the finding is about (codes). */
  courses?: string[];
  messageKey: MessageKey;
  params: MessageParams;
}

export interface ProgrammeMetrics {
  totalCredits: number;
  requiredCredits: number;
  sharedCourseCount: number;
  sharedCredits: number;
  coreCredits: number;
  crossGroupExtensionCredits: number;
  electiveOptionCredits: number;
  practiceHours: number;
  totalHours: number;
  practiceShare: number;
  creditsByTerm: number[];
  /** 跨群共享通识、基础能力课程占比: shared-platform credits ÷ total credits. */
  sharedFoundationRatio: number;
  /** 跨群共享拓展课程占比: cross-group extension credits ÷ credits of the extension part. */
  sharedExtensionRatio: number;
  extensionPartCredits: number;
}

export interface RuleCheck {
  passed: boolean;
  results: RuleResult[];
  metrics: ProgrammeMetrics;
}

const percent = (value: number) => Math.round(value * 1000) / 10;

const isCrossGroupExtension = (course: ProgrammeCourseInput, groupId: number | null) =>
  course.layer === 'extension' && course.ownerGroupId !== null && course.ownerGroupId !== groupId;

/** Pure figures of a programme; the rule check and the indicators both read them. */
export function programmeMetrics(programme: ProgrammeInput, termCount = defaultCreditRules.termCount): ProgrammeMetrics {
  const required = programme.courses.filter((course) => !course.isElective);
  const electives = programme.courses.filter((course) => course.isElective);
  const sum = (items: ProgrammeCourseInput[], pick: (course: ProgrammeCourseInput) => number) =>
    items.reduce((total, course) => total + pick(course), 0);
  const requiredCredits = round1(sum(required, (course) => course.credits));
  const electiveOptionCredits = round1(sum(electives, (course) => course.credits));
  const electiveCounted = Math.min(programme.electiveCreditsRequired, electiveOptionCredits);
  const shared = required.filter((course) => course.layer === 'shared');
  const core = required.filter((course) => course.layer === 'core' && course.ownerGroupId === programme.groupId);
  const requiredCrossGroup = required.filter((course) => isCrossGroupExtension(course, programme.groupId));
  const crossGroupElectiveCounted = Math.min(
    electiveCounted,
    sum(
      electives.filter((course) => isCrossGroupExtension(course, programme.groupId)),
      (course) => course.credits,
    ),
  );
  const crossGroupExtensionCredits = round1(sum(requiredCrossGroup, (course) => course.credits) + crossGroupElectiveCounted);
  const extensionPart = required.filter((course) => course.layer === 'extension' || course.moduleType === 'extension');
  const extensionPartCredits = round1(sum(extensionPart, (course) => course.credits) + electiveCounted);
  const practiceHours = sum(required, (course) => course.practiceHours);
  const totalHours = sum(required, (course) => course.practiceHours + course.theoryHours);
  const creditsByTerm = Array.from({ length: termCount }, (_, index) =>
    round1(
      sum(
        required.filter((course) => course.termNo === index + 1),
        (course) => course.credits,
      ),
    ),
  );
  const totalCredits = round1(requiredCredits + electiveCounted);
  const sharedCredits = round1(sum(shared, (course) => course.credits));
  return {
    totalCredits,
    requiredCredits,
    sharedCourseCount: shared.length,
    sharedCredits,
    coreCredits: round1(sum(core, (course) => course.credits)),
    crossGroupExtensionCredits,
    electiveOptionCredits,
    practiceHours,
    totalHours,
    practiceShare: totalHours === 0 ? 0 : practiceHours / totalHours,
    creditsByTerm,
    sharedFoundationRatio: totalCredits === 0 ? 0 : sharedCredits / totalCredits,
    sharedExtensionRatio: extensionPartCredits === 0 ? 0 : crossGroupExtensionCredits / extensionPartCredits,
    extensionPartCredits,
  };
}

function atLeast(
  rule: RuleName,
  actual: number,
  required: number,
  okKey: MessageKey,
  missingKey: MessageKey,
  params: MessageParams = {},
): RuleResult {
  const missing = round1(required - actual);
  return missing > 0
    ? { rule, status: 'missing', actual, required, messageKey: missingKey, params: { ...params, actual, required, missing } }
    : { rule, status: 'ok', actual, required, messageKey: okKey, params: { ...params, actual, required } };
}

/** Checks a programme against the cluster's credit-structure rules; each finding says exactly what is missing or over. */
export function checkProgramme(programme: ProgrammeInput, rules: CreditStructureRules): RuleCheck {
  const metrics = programmeMetrics(programme, rules.termCount);
  const results: RuleResult[] = [];

  results.push(
    atLeast(
      'shared_course_count',
      metrics.sharedCourseCount,
      rules.sharedCourseCount,
      'programme.rule.shared_count_ok',
      'programme.rule.shared_count_missing',
    ),
  );
  results.push(
    atLeast(
      'shared_credits',
      metrics.sharedCredits,
      rules.sharedCredits,
      'programme.rule.shared_credits_ok',
      'programme.rule.shared_credits_missing',
    ),
  );
  results.push(
    atLeast(
      'core_credits',
      metrics.coreCredits,
      rules.coreCredits,
      'programme.rule.core_credits_ok',
      'programme.rule.core_credits_missing',
    ),
  );
  results.push(
    atLeast(
      'cross_group_extension_credits',
      metrics.crossGroupExtensionCredits,
      rules.crossGroupExtensionCredits,
      'programme.rule.extension_ok',
      'programme.rule.extension_missing',
    ),
  );

  const practiceActual = percent(metrics.practiceShare);
  const practiceRequired = percent(rules.practiceShareMin);
  results.push(
    metrics.practiceShare < rules.practiceShareMin
      ? {
          rule: 'practice_share',
          status: 'missing',
          actual: practiceActual,
          required: practiceRequired,
          messageKey: 'programme.rule.practice_missing',
          params: { actual: practiceActual, required: practiceRequired },
        }
      : {
          rule: 'practice_share',
          status: 'ok',
          actual: practiceActual,
          required: practiceRequired,
          messageKey: 'programme.rule.practice_ok',
          params: { actual: practiceActual, required: practiceRequired },
        },
  );

  const total = metrics.totalCredits;
  if (total < rules.totalCreditsMin) {
    results.push({
      rule: 'total_credits',
      status: 'missing',
      actual: total,
      required: rules.totalCreditsMin,
      messageKey: 'programme.rule.total_missing',
      params: { actual: total, min: rules.totalCreditsMin, max: rules.totalCreditsMax, missing: round1(rules.totalCreditsMin - total) },
    });
  } else if (total > rules.totalCreditsMax) {
    results.push({
      rule: 'total_credits',
      status: 'over',
      actual: total,
      required: rules.totalCreditsMax,
      messageKey: 'programme.rule.total_over',
      params: { actual: total, min: rules.totalCreditsMin, max: rules.totalCreditsMax, over: round1(total - rules.totalCreditsMax) },
    });
  } else {
    results.push({
      rule: 'total_credits',
      status: 'ok',
      actual: total,
      required: rules.totalCreditsMin,
      messageKey: 'programme.rule.total_ok',
      params: { actual: total, min: rules.totalCreditsMin, max: rules.totalCreditsMax },
    });
  }

  results.push(
    atLeast('graduation_credits', total, programme.graduationCredits, 'programme.rule.graduation_ok', 'programme.rule.graduation_missing'),
  );

  metrics.creditsByTerm.forEach((credits, index) => {
    if (credits > rules.termCreditsMax) {
      results.push({
        rule: 'term_credits',
        status: 'over',
        actual: credits,
        required: rules.termCreditsMax,
        messageKey: 'programme.rule.term_over',
        params: { term: index + 1, actual: credits, max: rules.termCreditsMax, over: round1(credits - rules.termCreditsMax) },
      });
    }
  });

  const electiveOptions = programme.courses.filter((course) => course.isElective);
  if (programme.electiveCreditsRequired > 0 && metrics.electiveOptionCredits < programme.electiveCreditsRequired) {
    results.push({
      rule: 'elective_options',
      status: 'missing',
      actual: metrics.electiveOptionCredits,
      required: programme.electiveCreditsRequired,
      messageKey: 'programme.rule.elective_options_missing',
      params: {
        actual: metrics.electiveOptionCredits,
        required: programme.electiveCreditsRequired,
        missing: round1(programme.electiveCreditsRequired - metrics.electiveOptionCredits),
      },
    });
  }
  for (const course of electiveOptions) {
    if (!isCrossGroupExtension(course, programme.groupId)) {
      results.push({
        rule: 'elective_not_cross_group',
        status: 'invalid',
        actual: null,
        required: null,
        courses: [course.code],
        messageKey: 'programme.rule.elective_not_cross_group',
        params: { name: course.name, code: course.code },
      });
    }
  }
  for (const course of programme.courses) {
    if (course.layer === 'core' && course.ownerGroupId !== programme.groupId && !course.isElective) {
      results.push({
        rule: 'core_from_other_group',
        status: 'invalid',
        actual: null,
        required: null,
        courses: [course.code],
        messageKey: 'programme.rule.core_from_other_group',
        params: { name: course.name, code: course.code },
      });
    }
    if (course.termNo < 1 || course.termNo > rules.termCount) {
      results.push({
        rule: 'term_range',
        status: 'invalid',
        actual: course.termNo,
        required: rules.termCount,
        courses: [course.code],
        messageKey: 'programme.rule.term_range',
        params: { name: course.name, term: course.termNo, terms: rules.termCount },
      });
    }
  }
  const byCode = new Map(programme.courses.map((course) => [course.code, course]));
  for (const course of programme.courses) {
    for (const prerequisiteCode of course.prerequisiteCodes) {
      const prerequisite = byCode.get(prerequisiteCode);
      if (prerequisite && !prerequisite.isElective && prerequisite.termNo >= course.termNo) {
        results.push({
          rule: 'prerequisite_order',
          status: 'invalid',
          actual: course.termNo,
          required: prerequisite.termNo + 1,
          courses: [course.code, prerequisite.code],
          messageKey: 'programme.rule.prerequisite_order',
          params: { name: course.name, prerequisite: prerequisite.name, term: prerequisite.termNo },
        });
      }
    }
  }

  return { passed: results.every((result) => result.status === 'ok'), results, metrics };
}

// ---------------------------------------------------------------------------------------------
// Weekly schedule and clashes

export interface Meeting {
  weekday: number;
  firstPeriod: number;
  lastPeriod: number;
  firstWeek: number;
  lastWeek: number;
}

export function isValidMeeting(meeting: Meeting): boolean {
  const whole = [meeting.weekday, meeting.firstPeriod, meeting.lastPeriod, meeting.firstWeek, meeting.lastWeek].every(Number.isInteger);
  return (
    whole &&
    meeting.weekday >= 1 &&
    meeting.weekday <= 7 &&
    meeting.firstPeriod >= 1 &&
    meeting.lastPeriod <= 14 &&
    meeting.firstPeriod <= meeting.lastPeriod &&
    meeting.firstWeek >= 1 &&
    meeting.lastWeek <= 30 &&
    meeting.firstWeek <= meeting.lastWeek
  );
}

export function meetingsOverlap(a: Meeting, b: Meeting): boolean {
  return (
    a.weekday === b.weekday &&
    a.firstPeriod <= b.lastPeriod &&
    b.firstPeriod <= a.lastPeriod &&
    a.firstWeek <= b.lastWeek &&
    b.firstWeek <= a.lastWeek
  );
}

export function schedulesOverlap(a: Meeting[], b: Meeting[]): Meeting | null {
  for (const left of a) for (const right of b) if (meetingsOverlap(left, right)) return left;
  return null;
}

export interface ScheduledSection {
  id: number;
  code: string;
  courseName: string;
  teacherIds: number[];
  room: string | null;
  classIds: number[];
  meetings: Meeting[];
}

export const clashKinds = ['teacher', 'room', 'class'] as const;
export type ClashKind = (typeof clashKinds)[number];

/** A section is open, or cancelled (it then takes no selections and counts in no clash check). */
export const sectionStatuses = ['open', 'cancelled'] as const;
export type SectionStatus = (typeof sectionStatuses)[number];

export interface Clash {
  kind: ClashKind;
  /** Teacher or class id, or the room name. */
  resource: number | string;
  otherSectionId: number;
  otherSectionCode: string;
  otherCourseName: string;
  meeting: Meeting;
}

/** Every teacher, room and class clash between a section and the other sections of the same term. */
export function findClashes(candidate: ScheduledSection, others: ScheduledSection[]): Clash[] {
  const clashes: Clash[] = [];
  for (const other of others) {
    if (other.id === candidate.id) continue;
    const meeting = schedulesOverlap(candidate.meetings, other.meetings);
    if (!meeting) continue;
    const base = { otherSectionId: other.id, otherSectionCode: other.code, otherCourseName: other.courseName, meeting };
    for (const teacherId of candidate.teacherIds)
      if (other.teacherIds.includes(teacherId)) clashes.push({ kind: 'teacher', resource: teacherId, ...base });
    if (candidate.room && other.room && candidate.room.trim().toLowerCase() === other.room.trim().toLowerCase())
      clashes.push({ kind: 'room', resource: candidate.room, ...base });
    for (const classId of candidate.classIds)
      if (other.classIds.includes(classId)) clashes.push({ kind: 'class', resource: classId, ...base });
  }
  return clashes;
}

export const weekdayLabels: Bilingual[] = [
  { 'zh-CN': '周一', en: 'Mon' },
  { 'zh-CN': '周二', en: 'Tue' },
  { 'zh-CN': '周三', en: 'Wed' },
  { 'zh-CN': '周四', en: 'Thu' },
  { 'zh-CN': '周五', en: 'Fri' },
  { 'zh-CN': '周六', en: 'Sat' },
  { 'zh-CN': '周日', en: 'Sun' },
];

export function describeMeeting(meeting: Meeting, locale: 'zh-CN' | 'en'): string {
  const day = weekdayLabels[meeting.weekday - 1]![locale];
  return locale === 'zh-CN'
    ? `${day}第${meeting.firstPeriod}-${meeting.lastPeriod}节（${meeting.firstWeek}-${meeting.lastWeek}周）`
    : `${day} periods ${meeting.firstPeriod}-${meeting.lastPeriod} (weeks ${meeting.firstWeek}-${meeting.lastWeek})`;
}

// ---------------------------------------------------------------------------------------------
// Selection eligibility

export const selectionModes = ['first_come', 'lottery'] as const;
export type SelectionMode = (typeof selectionModes)[number];

/** A student's place in a section; only enrolled and waitlisted places are active (dropped ones stay as history). */
export const enrolmentStatuses = ['enrolled', 'waitlisted', 'dropped'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export type ActiveEnrolmentStatus = Exclude<EnrolmentStatus, 'dropped'>;
/** How a place came about: first-come selection, the draw, promotion from the waitlist, or enrolment of whole classes. */
export const enrolmentSources = ['first_come', 'lottery', 'promotion', 'assigned'] as const;
export type EnrolmentSource = (typeof enrolmentSources)[number];

export interface EligibilityInput {
  now: Date;
  window: { opensAt: Date; closesAt: Date; cohortYears: number[]; creditCap: number; mode: SelectionMode; drawn: boolean };
  student: { cohortYear: number; groupId: number | null; status: string };
  course: {
    id: number;
    code: string;
    name: string;
    credits: number;
    layer: CourseLayer;
    ownerGroupId: number | null;
    prerequisiteCodes: string[];
  };
  /** Course ids of the student's published programme (null = no published programme). */
  programmeCourseIds: Set<number> | null;
  passedCourseCodes: Set<string>;
  /** The student's active enrolments (enrolled or waitlisted) in the same term. */
  current: Array<{ courseId: number; credits: number; status: 'enrolled' | 'waitlisted'; meetings: Meeting[]; courseName: string }>;
  sectionMeetings: Meeting[];
}

export interface Refusal {
  reason: string;
  messageKey: MessageKey;
  params: MessageParams;
}

/** Why a student may not take a section now, or null when they may (capacity is decided later, atomically). */
export function selectionRefusal(input: EligibilityInput): Refusal | null {
  const { window, student, course } = input;
  if (student.status !== 'enrolled') return { reason: 'student_inactive', messageKey: 'selection.refused.student_inactive', params: {} };
  if (input.now < window.opensAt)
    return { reason: 'window_not_open', messageKey: 'selection.refused.not_open', params: { opensAt: window.opensAt.toISOString() } };
  if (input.now > window.closesAt) return { reason: 'window_closed', messageKey: 'selection.refused.closed', params: {} };
  if (!window.cohortYears.includes(student.cohortYear))
    return { reason: 'cohort', messageKey: 'selection.refused.cohort', params: { cohort: student.cohortYear } };
  if (input.programmeCourseIds === null) return { reason: 'no_programme', messageKey: 'selection.refused.no_programme', params: {} };
  const inProgramme = input.programmeCourseIds.has(course.id);
  if (course.layer === 'extension') {
    if (course.ownerGroupId === null || course.ownerGroupId === student.groupId) {
      if (!inProgramme) return { reason: 'own_group_extension', messageKey: 'selection.refused.own_group', params: { name: course.name } };
    }
  } else if (!inProgramme) {
    return { reason: 'not_in_programme', messageKey: 'selection.refused.not_in_programme', params: { name: course.name } };
  }
  if (input.passedCourseCodes.has(course.code))
    return { reason: 'already_passed', messageKey: 'selection.refused.already_passed', params: { name: course.name } };
  if (input.current.some((entry) => entry.courseId === course.id))
    return { reason: 'same_course', messageKey: 'selection.refused.same_course', params: { name: course.name } };
  const missing = course.prerequisiteCodes.filter((code) => !input.passedCourseCodes.has(code));
  if (missing.length > 0)
    return { reason: 'prerequisite', messageKey: 'selection.refused.prerequisite', params: { codes: missing.join('、') } };
  const credits = input.current.reduce((total, entry) => total + entry.credits, 0);
  if (credits + course.credits > window.creditCap) {
    return {
      reason: 'credit_cap',
      messageKey: 'selection.refused.credit_cap',
      params: { cap: window.creditCap, current: round1(credits), credits: course.credits },
    };
  }
  // Waitlisted places count too: a later promotion must never put a student in two rooms at once.
  const clash = input.current.find((entry) => schedulesOverlap(entry.meetings, input.sectionMeetings));
  if (clash) return { reason: 'time_clash', messageKey: 'selection.refused.time_clash', params: { name: clash.courseName } };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Preference-then-draw (志愿 + 抽签)

export interface LotterySection {
  id: number;
  courseId: number;
  credits: number;
  /** Seats left when the draw starts. */
  seats: number;
  meetings: Meeting[];
}

export interface LotteryInput {
  seed: string;
  sections: LotterySection[];
  /** Each student's choices, best first (section ids). */
  preferences: Array<{ studentId: number; sectionIds: number[] }>;
  /** Courses a student may win in this window. */
  maxCourses: number;
  creditCap: number;
  /** Places students already hold in the term (other windows): they count toward the cap and clashes. */
  held?: Array<{ studentId: number; courseId: number; credits: number; meetings: Meeting[] }>;
}

export interface LotteryAllocation {
  studentId: number;
  sectionId: number;
  rank: number;
}

export interface LotteryWaitlisting extends LotteryAllocation {
  /** Position in the section's waitlist (1 = next to be promoted). */
  position: number;
}

export interface LotteryResult {
  allocations: LotteryAllocation[];
  waitlist: LotteryWaitlisting[];
  inputsHash: string;
  resultHash: string;
}

/** Each student's lottery number: sha256(seed:studentId). Anyone holding the seed can recompute the order. */
export function lotteryTicket(seed: string, studentId: number): string {
  return createHash('sha256').update(`${seed}:${studentId}`).digest('hex');
}

const canonicalHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Allocates seats in rounds: round r considers every student's r-th choice. A section with at least
 * as many seats as applicants takes them all; otherwise the applicants with the lowest tickets win.
 * Because round r finishes before round r+1 starts, a student's lower choice never takes a seat
 * before their higher choice was decided. Losers are waitlisted in (round, ticket) order.
 */
export function drawLottery(input: LotteryInput): LotteryResult {
  const sections = new Map(input.sections.map((section) => [section.id, { ...section, left: Math.max(0, section.seats) }]));
  // Several entries of one student are merged in the order given: a student is one applicant.
  const merged = new Map<number, number[]>();
  for (const entry of input.preferences) merged.set(entry.studentId, [...(merged.get(entry.studentId) ?? []), ...entry.sectionIds]);
  const preferences = [...merged.entries()]
    .map(([studentId, sectionIds]) => ({ studentId, sectionIds: [...new Set(sectionIds)].filter((id) => sections.has(id)) }))
    .sort((a, b) => a.studentId - b.studentId);
  const tickets = new Map(preferences.map((entry) => [entry.studentId, lotteryTicket(input.seed, entry.studentId)]));
  const won = new Map<number, Array<{ courseId: number; credits: number; meetings: Meeting[] }>>();
  const allocations: LotteryAllocation[] = [];
  const losers: Array<LotteryAllocation & { ticket: string }> = [];
  const rounds = Math.max(0, ...preferences.map((entry) => entry.sectionIds.length));
  const heldBy = new Map<number, Array<{ courseId: number; credits: number; meetings: Meeting[] }>>();
  for (const place of input.held ?? []) heldBy.set(place.studentId, [...(heldBy.get(place.studentId) ?? []), place]);
  /** Whether a student could take the section now: under maxCourses, a new course, within the cap, no clash. */
  const fits = (studentId: number, section: LotterySection) => {
    const mine = won.get(studentId) ?? [];
    const all = [...mine, ...(heldBy.get(studentId) ?? [])];
    return (
      mine.length < input.maxCourses &&
      !all.some((item) => item.courseId === section.courseId) &&
      all.reduce((total, item) => total + item.credits, 0) + section.credits <= input.creditCap &&
      !all.some((item) => schedulesOverlap(item.meetings, section.meetings))
    );
  };

  for (let round = 0; round < rounds; round += 1) {
    const applicants = new Map<number, number[]>();
    for (const entry of preferences) {
      const sectionId = entry.sectionIds[round];
      if (sectionId === undefined) continue;
      if (!fits(entry.studentId, sections.get(sectionId)!)) continue;
      const list = applicants.get(sectionId) ?? [];
      list.push(entry.studentId);
      applicants.set(sectionId, list);
    }
    for (const [sectionId, studentIds] of [...applicants.entries()].sort((a, b) => a[0] - b[0])) {
      const section = sections.get(sectionId)!;
      const ordered = [...studentIds].sort((a, b) => (tickets.get(a)! < tickets.get(b)! ? -1 : 1));
      const winners = ordered.slice(0, section.left);
      section.left -= winners.length;
      for (const studentId of winners) {
        allocations.push({ studentId, sectionId, rank: round + 1 });
        const mine = won.get(studentId) ?? [];
        mine.push({ courseId: section.courseId, credits: section.credits, meetings: section.meetings });
        won.set(studentId, mine);
      }
      for (const studentId of ordered.slice(winners.length))
        losers.push({ studentId, sectionId, rank: round + 1, ticket: tickets.get(studentId)! });
    }
  }

  // A loser waits only where a later promotion could still be taken as it stands after the draw
  // (no course won already, within maxCourses and the cap, no clash), and for each course only in
  // their best-ranked section: a promotion can then never break a rule or place a student twice.
  const waitlist: LotteryWaitlisting[] = [];
  const positions = new Map<number, number>();
  const waitingFor = new Set<string>();
  const sorted = losers
    .filter((loser) => fits(loser.studentId, sections.get(loser.sectionId)!))
    .sort((a, b) => a.rank - b.rank || a.sectionId - b.sectionId)
    .filter((loser) => {
      const key = `${loser.studentId}:${sections.get(loser.sectionId)!.courseId}`;
      if (waitingFor.has(key)) return false;
      waitingFor.add(key);
      return true;
    })
    .sort((a, b) => a.sectionId - b.sectionId || a.rank - b.rank || (a.ticket < b.ticket ? -1 : 1));
  for (const loser of sorted) {
    const position = (positions.get(loser.sectionId) ?? 0) + 1;
    positions.set(loser.sectionId, position);
    waitlist.push({ studentId: loser.studentId, sectionId: loser.sectionId, rank: loser.rank, position });
  }
  const inputsHash = canonicalHash({
    seed: input.seed,
    sections: [...input.sections]
      .sort((a, b) => a.id - b.id)
      .map((s) => [
        s.id,
        s.courseId,
        s.credits,
        s.seats,
        s.meetings.map((m) => [m.weekday, m.firstPeriod, m.lastPeriod, m.firstWeek, m.lastWeek].join('.')).sort(),
      ]),
    preferences: preferences.map((p) => [p.studentId, p.sectionIds]),
    maxCourses: input.maxCourses,
    creditCap: input.creditCap,
    held: (input.held ?? [])
      .map((h) => [
        h.studentId,
        h.courseId,
        h.credits,
        h.meetings.map((m) => [m.weekday, m.firstPeriod, m.lastPeriod, m.firstWeek, m.lastWeek].join('.')).sort(),
      ])
      .sort(),
  });
  const resultHash = canonicalHash({
    allocations: [...allocations].sort((a, b) => a.studentId - b.studentId || a.sectionId - b.sectionId),
    waitlist,
  });
  return { allocations, waitlist, inputsHash, resultHash };
}

// ---------------------------------------------------------------------------------------------
// Grades

export const gradeSchemes = ['percent', 'five_level', 'pass_fail'] as const;
export type GradeScheme = (typeof gradeSchemes)[number];

export const fiveLevels = [
  { value: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, passed: true, points: 95 },
  { value: 'good', label: { 'zh-CN': '良好', en: 'Good' }, passed: true, points: 85 },
  { value: 'fair', label: { 'zh-CN': '中等', en: 'Fair' }, passed: true, points: 75 },
  { value: 'pass', label: { 'zh-CN': '及格', en: 'Pass' }, passed: true, points: 65 },
  { value: 'fail', label: { 'zh-CN': '不及格', en: 'Fail' }, passed: false, points: 0 },
] as const;
export const passFailLevels = [
  { value: 'passed', label: { 'zh-CN': '合格', en: 'Passed' }, passed: true },
  { value: 'failed', label: { 'zh-CN': '不合格', en: 'Failed' }, passed: false },
] as const;

/** Every level a grade can be stored with (five-level and pass/fail schemes). */
export const gradeLevels = [...fiveLevels.map((level) => level.value), ...passFailLevels.map((level) => level.value)];
export type GradeLevel = (typeof gradeLevels)[number];

export const passingScore = 60;

export interface GradeOutcome {
  score: number | null;
  level: GradeLevel | null;
  passed: boolean;
}

/**
 * Reads a grade as a teacher types it (a number 0–100, 优秀…不及格, 合格/不合格, or the English
 * words) under the section's scheme; null when it is not a grade of that scheme.
 */
export function parseGrade(scheme: GradeScheme, raw: string | number): GradeOutcome | null {
  const text = String(raw).trim();
  if (scheme === 'percent') {
    if (!/^\d{1,3}(\.\d)?$/.test(text)) return null;
    const score = Number(text);
    if (score < 0 || score > 100) return null;
    return { score, level: null, passed: score >= passingScore };
  }
  const levels = scheme === 'five_level' ? fiveLevels : passFailLevels;
  const lower = text.toLowerCase();
  const found = levels.find((level) => level.value === lower || level.label['zh-CN'] === text || level.label.en.toLowerCase() === lower);
  if (!found) return null;
  return { score: null, level: found.value, passed: found.passed };
}

// ---------------------------------------------------------------------------------------------
// Terms of a programme

/** Programme term k of a cohort ↔ the institution's term code (e.g. cohort 2025, term 3 → 2026-2027-1). */
export function termCodeFor(cohortYear: number, termNo: number): string {
  const year = cohortYear + Math.floor((termNo - 1) / 2);
  return `${year}-${year + 1}-${((termNo - 1) % 2) + 1}`;
}

export function programmeTermOf(cohortYear: number, termCode: string): number | null {
  const match = /^(\d{4})-(\d{4})-([12])$/.exec(termCode);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) return null;
  const termNo = (Number(match[1]) - cohortYear) * 2 + Number(match[3]);
  return termNo >= 1 ? termNo : null;
}
