import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkProgramme,
  defaultCreditRules,
  diffVersions,
  drawLottery,
  findClashes,
  isCourseCode,
  isValidMeeting,
  lotteryTicket,
  meetingsOverlap,
  ownerFitsLayer,
  parseGrade,
  programmeMetrics,
  programmeTermOf,
  schedulesOverlap,
  selectionRefusal,
  termCodeFor,
  versionedFields,
} from './rules.ts';
import type {
  CourseLayer,
  CourseVersionFields,
  CreditStructureRules,
  EligibilityInput,
  LotteryInput,
  LotteryResult,
  LotterySection,
  Meeting,
  ModuleType,
  ProgrammeCourseInput,
  ProgrammeInput,
  RuleCheck,
  RuleResult,
  ScheduledSection,
} from './rules.ts';

// ---------------------------------------------------------------------------------------------
// Fixtures

const OWN = 1;
const OTHER = 2;
const THIRD = 3;

let nextCourseId = 1;
function course(
  code: string,
  layer: CourseLayer,
  ownerGroupId: number | null,
  credits: number,
  termNo: number,
  extra: Partial<ProgrammeCourseInput> = {},
): ProgrammeCourseInput {
  const moduleType: ModuleType = layer === 'shared' ? 'ideology_culture' : layer === 'core' ? 'professional' : 'extension';
  return {
    courseId: nextCourseId++,
    code,
    name: `Course ${code}`,
    termNo,
    isElective: false,
    credits,
    // 62.5 % practice by default
    theoryHours: credits * 6,
    practiceHours: credits * 10,
    layer,
    moduleType,
    ownerGroupId,
    prerequisiteCodes: [],
    ...extra,
  };
}

/**
 * A programme of group 1 that passes every default rule:
 * - shared: 8 courses, 6×7 + 8 = 50 credits
 * - own core: 6 + 6 + 5 + 5 = 22 credits
 * - cross-group extension: 8 required (group 2) + 8 of 12 elective option credits (groups 2 and 3) = 16
 * - own-group extension/innovation filler: 5 × 8 = 40 (does not count as cross-group)
 * - total 120 required + 8 elective = 128; terms 18/20/18/24/24/16; practice 62.5 %.
 */
function validProgramme(): ProgrammeInput {
  return {
    groupId: OWN,
    graduationCredits: 125,
    electiveCreditsRequired: 8,
    courses: [
      course('S1', 'shared', null, 6, 1),
      course('S2', 'shared', null, 6, 1),
      course('S3', 'shared', null, 6, 1),
      course('S4', 'shared', null, 6, 2),
      course('S5', 'shared', null, 6, 2),
      course('S8', 'shared', null, 8, 2),
      course('S6', 'shared', null, 6, 3),
      course('S7', 'shared', null, 6, 3),
      course('C1', 'core', OWN, 6, 3),
      course('C2', 'core', OWN, 6, 4, { prerequisiteCodes: ['C1'] }),
      course('C3', 'core', OWN, 5, 4),
      course('C4', 'core', OWN, 5, 4),
      course('X1', 'extension', OWN, 8, 4, { moduleType: 'innovation' }),
      course('R1', 'extension', OTHER, 4, 5),
      course('R2', 'extension', OTHER, 4, 5),
      course('X2', 'extension', OWN, 8, 5, { moduleType: 'innovation', prerequisiteCodes: ['S1', 'NOT-IN-PROGRAMME'] }),
      course('X3', 'extension', OWN, 8, 5, { moduleType: 'innovation' }),
      course('X4', 'extension', OWN, 8, 6, { moduleType: 'innovation' }),
      course('X5', 'extension', OWN, 8, 6, { moduleType: 'innovation' }),
      course('E1', 'extension', OTHER, 4, 5, { isElective: true }),
      course('E2', 'extension', THIRD, 4, 5, { isElective: true }),
      course('E3', 'extension', THIRD, 4, 6, { isElective: true }),
    ],
  };
}

function edit(programme: ProgrammeInput, code: string, changes: Partial<ProgrammeCourseInput>): ProgrammeInput {
  expect(programme.courses.some((entry) => entry.code === code)).toBe(true);
  return { ...programme, courses: programme.courses.map((entry) => (entry.code === code ? { ...entry, ...changes } : entry)) };
}

function without(programme: ProgrammeInput, ...codes: string[]): ProgrammeInput {
  const remaining = programme.courses.filter((entry) => !codes.includes(entry.code));
  expect(remaining.length).toBe(programme.courses.length - codes.length);
  return { ...programme, courses: remaining };
}

function withCourses(programme: ProgrammeInput, ...courses: ProgrammeCourseInput[]): ProgrammeInput {
  return { ...programme, courses: [...programme.courses, ...courses] };
}

function results(check: RuleCheck, rule: string): RuleResult[] {
  return check.results.filter((result) => result.rule === rule);
}

function only(check: RuleCheck, rule: string): RuleResult {
  const found = results(check, rule);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function notOk(check: RuleCheck): string[] {
  return check.results.filter((result) => result.status !== 'ok').map((result) => result.rule);
}

const check = (programme: ProgrammeInput, rules: CreditStructureRules = defaultCreditRules) => checkProgramme(programme, rules);

// ---------------------------------------------------------------------------------------------

describe('course vocabulary', () => {
  it('shared courses have no owner group; core and extension courses must have one', () => {
    expect(ownerFitsLayer('shared', null)).toBe(true);
    expect(ownerFitsLayer('shared', 3)).toBe(false);
    expect(ownerFitsLayer('core', 3)).toBe(true);
    expect(ownerFitsLayer('core', null)).toBe(false);
    expect(ownerFitsLayer('extension', 7)).toBe(true);
    expect(ownerFitsLayer('extension', null)).toBe(false);
  });
  it('course codes are 2–20 letters, digits or hyphens', () => {
    for (const good of ['JQ-101', 'ab', 'A1', 'x'.repeat(20), '2024-ZY-01']) expect(isCourseCode(good)).toBe(true);
    for (const bad of ['', 'a', 'x'.repeat(21), 'JQ 101', 'JQ_101', '课程01', 'JQ-101\n', '=1+1']) expect(isCourseCode(bad)).toBe(false);
  });
});

describe('default credit-structure rules', () => {
  it('are the seeds’ 8 courses / 50 shared credits, 22 core, 16 cross-group extension', () => {
    expect(defaultCreditRules).toEqual({
      sharedCourseCount: 8,
      sharedCredits: 50,
      coreCredits: 22,
      crossGroupExtensionCredits: 16,
      practiceShareMin: 0.5,
      totalCreditsMin: 120,
      totalCreditsMax: 160,
      termCreditsMax: 32,
      termCount: 6,
    });
  });
});

describe('checkProgramme', () => {
  it('passes a programme that meets every rule, with every result ok', () => {
    const result = check(validProgramme());
    expect(notOk(result)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.results.every((entry) => entry.status === 'ok')).toBe(true);
    expect(result.results.map((entry) => entry.rule)).toEqual([
      'shared_course_count',
      'shared_credits',
      'core_credits',
      'cross_group_extension_credits',
      'practice_share',
      'total_credits',
      'graduation_credits',
    ]);
    expect(only(result, 'shared_course_count')).toMatchObject({
      actual: 8,
      required: 8,
      messageKey: 'programme.rule.shared_count_ok',
      params: { actual: 8, required: 8 },
    });
    expect(only(result, 'shared_credits')).toMatchObject({ actual: 50, required: 50, messageKey: 'programme.rule.shared_credits_ok' });
    expect(only(result, 'core_credits')).toMatchObject({ actual: 22, required: 22, messageKey: 'programme.rule.core_credits_ok' });
    expect(only(result, 'cross_group_extension_credits')).toMatchObject({
      actual: 16,
      required: 16,
      messageKey: 'programme.rule.extension_ok',
    });
    expect(only(result, 'practice_share')).toMatchObject({
      actual: 62.5,
      required: 50,
      messageKey: 'programme.rule.practice_ok',
      params: { actual: 62.5, required: 50 },
    });
    expect(only(result, 'total_credits')).toMatchObject({
      actual: 128,
      messageKey: 'programme.rule.total_ok',
      params: { actual: 128, min: 120, max: 160 },
    });
    expect(only(result, 'graduation_credits')).toMatchObject({ actual: 128, required: 125, messageKey: 'programme.rule.graduation_ok' });
    // ok results carry no "missing" param
    for (const entry of result.results) expect(entry.params).not.toHaveProperty('missing');
  });

  it('also passes when all 16 cross-group credits are required courses (no electives)', () => {
    const programme = withCourses(
      { ...without(validProgramme(), 'E1', 'E2', 'E3'), electiveCreditsRequired: 0 },
      course('R3', 'extension', THIRD, 4, 6),
      course('R4', 'extension', THIRD, 4, 6),
    );
    const result = check(programme);
    expect(notOk(result)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.metrics.crossGroupExtensionCredits).toBe(16);
  });

  it('also passes when all 16 cross-group credits come from electives', () => {
    const programme = withCourses(
      { ...without(validProgramme(), 'R1', 'R2'), electiveCreditsRequired: 16 },
      course('R3', 'extension', OWN, 8, 5, { moduleType: 'innovation' }),
      course('E4', 'extension', OTHER, 6, 6, { isElective: true }),
    );
    const result = check(programme);
    expect(notOk(result)).toEqual([]);
    expect(result.metrics.electiveOptionCredits).toBe(18);
    expect(result.metrics.crossGroupExtensionCredits).toBe(16);
    expect(result.passed).toBe(true);
  });

  it('shared courses: 7 instead of 8 is one course missing', () => {
    // S8 (8 credits) becomes two credits of S7 … keep 50 credits in 7 courses
    const programme = edit(without(validProgramme(), 'S8'), 'S7', { credits: 14 });
    const result = check(programme);
    expect(result.passed).toBe(false);
    expect(only(result, 'shared_course_count')).toEqual({
      rule: 'shared_course_count',
      status: 'missing',
      actual: 7,
      required: 8,
      messageKey: 'programme.rule.shared_count_missing',
      params: { actual: 7, required: 8, missing: 1 },
    });
    expect(only(result, 'shared_credits').status).toBe('ok');
    expect(notOk(result)).toEqual(['shared_course_count']);
  });

  it('shared credits: 48 of 50 reports actual, required and the 2 missing', () => {
    const result = check(edit(validProgramme(), 'S8', { credits: 6 }));
    expect(result.passed).toBe(false);
    expect(only(result, 'shared_credits')).toEqual({
      rule: 'shared_credits',
      status: 'missing',
      actual: 48,
      required: 50,
      messageKey: 'programme.rule.shared_credits_missing',
      params: { actual: 48, required: 50, missing: 2 },
    });
    expect(notOk(result)).toEqual(['shared_credits']);
  });

  it('an elective shared course does not count towards the shared platform', () => {
    const result = check(edit(validProgramme(), 'S8', { isElective: true }));
    expect(result.metrics.sharedCourseCount).toBe(7);
    expect(result.metrics.sharedCredits).toBe(42);
    expect(only(result, 'shared_credits').params).toEqual({ actual: 42, required: 50, missing: 8 });
  });

  it('core credits: 20 of 22 is 2 missing', () => {
    const result = check(edit(validProgramme(), 'C4', { credits: 3 }));
    expect(result.passed).toBe(false);
    expect(only(result, 'core_credits')).toEqual({
      rule: 'core_credits',
      status: 'missing',
      actual: 20,
      required: 22,
      messageKey: 'programme.rule.core_credits_missing',
      params: { actual: 20, required: 22, missing: 2 },
    });
    expect(notOk(result)).toEqual(['core_credits']);
  });

  it('cross-group extension: 12 of 16 (one required course dropped) is 4 missing', () => {
    const result = check(withCourses(without(validProgramme(), 'R2'), course('X6', 'extension', OWN, 4, 6, { moduleType: 'innovation' })));
    expect(result.passed).toBe(false);
    expect(only(result, 'cross_group_extension_credits')).toEqual({
      rule: 'cross_group_extension_credits',
      status: 'missing',
      actual: 12,
      required: 16,
      messageKey: 'programme.rule.extension_missing',
      params: { actual: 12, required: 16, missing: 4 },
    });
    expect(notOk(result)).toEqual(['cross_group_extension_credits']);
  });

  it('cross-group extension: an extension course owned by the programme’s own group does not count', () => {
    const result = check(edit(validProgramme(), 'R2', { ownerGroupId: OWN }));
    expect(result.metrics.crossGroupExtensionCredits).toBe(12);
    expect(only(result, 'cross_group_extension_credits')).toMatchObject({
      status: 'missing',
      actual: 12,
      required: 16,
      params: { missing: 4 },
    });
    expect(result.passed).toBe(false);
    // a required own-group extension course is legitimate in itself – only the count fails
    expect(notOk(result)).toEqual(['cross_group_extension_credits']);
  });

  it('cross-group extension: an other-group course of the core layer does not count either', () => {
    const result = check(edit(validProgramme(), 'R2', { layer: 'core' }));
    expect(only(result, 'cross_group_extension_credits').actual).toBe(12);
    expect(only(result, 'core_from_other_group')).toMatchObject({ status: 'invalid', courses: ['R2'] });
  });

  it('cross-group extension: an own-group elective counts neither as cross-group credit nor as a valid option', () => {
    // E1 and E2 become own-group: the cross-group options are only E3 (4 credits)
    let programme = edit(validProgramme(), 'E1', { ownerGroupId: OWN });
    programme = edit(programme, 'E2', { ownerGroupId: OWN });
    const result = check(programme);
    expect(result.metrics.crossGroupExtensionCredits).toBe(12);
    expect(only(result, 'cross_group_extension_credits').params).toEqual({ actual: 12, required: 16, missing: 4 });
    expect(results(result, 'elective_not_cross_group').map((entry) => entry.courses)).toEqual([['E1'], ['E2']]);
  });

  it('elective options that are not other groups’ extension courses are invalid', () => {
    let programme = edit(validProgramme(), 'E1', { ownerGroupId: OWN });
    programme = edit(programme, 'E2', { layer: 'core', moduleType: 'professional' });
    programme = withCourses(programme, course('E9', 'shared', null, 2, 6, { isElective: true }));
    const result = check(programme);
    expect(result.passed).toBe(false);
    const findings = results(result, 'elective_not_cross_group');
    expect(findings).toEqual([
      {
        rule: 'elective_not_cross_group',
        status: 'invalid',
        actual: null,
        required: null,
        courses: ['E1'],
        messageKey: 'programme.rule.elective_not_cross_group',
        params: { name: 'Course E1', code: 'E1' },
      },
      {
        rule: 'elective_not_cross_group',
        status: 'invalid',
        actual: null,
        required: null,
        courses: ['E2'],
        messageKey: 'programme.rule.elective_not_cross_group',
        params: { name: 'Course E2', code: 'E2' },
      },
      {
        rule: 'elective_not_cross_group',
        status: 'invalid',
        actual: null,
        required: null,
        courses: ['E9'],
        messageKey: 'programme.rule.elective_not_cross_group',
        params: { name: 'Course E9', code: 'E9' },
      },
    ]);
    // an elective core course of another group is reported as a bad elective, not as a foreign core course
    expect(results(result, 'core_from_other_group')).toEqual([]);
    // the shared elective does not add a shared course
    expect(result.metrics.sharedCourseCount).toBe(8);
  });

  it('elective options worth less than electiveCreditsRequired are missing credits', () => {
    const result = check({ ...validProgramme(), electiveCreditsRequired: 16 });
    expect(result.passed).toBe(false);
    expect(only(result, 'elective_options')).toEqual({
      rule: 'elective_options',
      status: 'missing',
      actual: 12,
      required: 16,
      messageKey: 'programme.rule.elective_options_missing',
      params: { actual: 12, required: 16, missing: 4 },
    });
    // only 12 elective credits can count
    expect(result.metrics.totalCredits).toBe(132);
    expect(notOk(result)).toEqual(['elective_options']);
  });

  it('elective options exactly equal to electiveCreditsRequired are fine; no options needed when none are required', () => {
    expect(results(check({ ...validProgramme(), electiveCreditsRequired: 12 }), 'elective_options')).toEqual([]);
    const noElectives = withCourses(
      { ...without(validProgramme(), 'E1', 'E2', 'E3'), electiveCreditsRequired: 0 },
      course('R3', 'extension', THIRD, 8, 6),
    );
    expect(results(check(noElectives), 'elective_options')).toEqual([]);
    expect(check(noElectives).passed).toBe(true);
  });

  it('practice share below 50 % is missing, reported in percent with one decimal', () => {
    const programme: ProgrammeInput = {
      ...validProgramme(),
      courses: validProgramme().courses.map((entry) => ({ ...entry, theoryHours: entry.credits * 9, practiceHours: entry.credits * 7 })),
    };
    const result = check(programme);
    expect(result.passed).toBe(false);
    expect(only(result, 'practice_share')).toEqual({
      rule: 'practice_share',
      status: 'missing',
      actual: 43.8,
      required: 50,
      messageKey: 'programme.rule.practice_missing',
      params: { actual: 43.8, required: 50 },
    });
    expect(notOk(result)).toEqual(['practice_share']);
  });

  it('practice share counts required courses only and exactly 50 % passes', () => {
    const even: ProgrammeInput = {
      ...validProgramme(),
      courses: validProgramme().courses.map((entry) =>
        entry.isElective
          ? { ...entry, theoryHours: 1000, practiceHours: 0 }
          : { ...entry, theoryHours: entry.credits * 8, practiceHours: entry.credits * 8 },
      ),
    };
    const result = check(even);
    expect(result.metrics.practiceShare).toBe(0.5);
    expect(only(result, 'practice_share')).toMatchObject({ status: 'ok', actual: 50, required: 50 });
    expect(result.metrics.totalHours).toBe(120 * 16);
  });

  it('total credits above the maximum are over, with the excess', () => {
    const programme = withCourses(
      validProgramme(),
      course('X6', 'extension', OWN, 8, 1, { moduleType: 'innovation' }),
      course('X7', 'extension', OWN, 8, 3, { moduleType: 'innovation' }),
      course('X8', 'extension', OWN, 8, 6, { moduleType: 'innovation' }),
      course('X9', 'extension', OWN, 8, 6, { moduleType: 'innovation' }),
      course('X10', 'extension', OWN, 4, 2, { moduleType: 'innovation' }),
    );
    const result = check(programme);
    expect(result.passed).toBe(false);
    expect(only(result, 'total_credits')).toEqual({
      rule: 'total_credits',
      status: 'over',
      actual: 164,
      required: 160,
      messageKey: 'programme.rule.total_over',
      params: { actual: 164, min: 120, max: 160, over: 4 },
    });
    expect(notOk(result)).toEqual(['total_credits']);
  });

  it('total credits below the minimum are missing, with the shortfall', () => {
    const programme = { ...without(validProgramme(), 'X4', 'X5'), graduationCredits: 110 };
    const result = check(programme);
    expect(result.passed).toBe(false);
    expect(only(result, 'total_credits')).toEqual({
      rule: 'total_credits',
      status: 'missing',
      actual: 112,
      required: 120,
      messageKey: 'programme.rule.total_missing',
      params: { actual: 112, min: 120, max: 160, missing: 8 },
    });
    expect(notOk(result)).toEqual(['total_credits']);
  });

  it('total credits exactly at the minimum and at the maximum are ok', () => {
    const atMin = { ...without(validProgramme(), 'X5'), graduationCredits: 120 };
    expect(check(atMin).metrics.totalCredits).toBe(120);
    expect(only(check(atMin), 'total_credits').status).toBe('ok');
    const atMax = withCourses(
      validProgramme(),
      course('X6', 'extension', OWN, 8, 1, { moduleType: 'innovation' }),
      course('X7', 'extension', OWN, 8, 3, { moduleType: 'innovation' }),
      course('X8', 'extension', OWN, 8, 6, { moduleType: 'innovation' }),
      course('X9', 'extension', OWN, 8, 6, { moduleType: 'innovation' }),
    );
    expect(check(atMax).metrics.totalCredits).toBe(160);
    expect(only(check(atMax), 'total_credits').status).toBe('ok');
    expect(check(atMax).passed).toBe(true);
  });

  it('graduation credits above the programme total are missing', () => {
    const result = check({ ...validProgramme(), graduationCredits: 130 });
    expect(result.passed).toBe(false);
    expect(only(result, 'graduation_credits')).toEqual({
      rule: 'graduation_credits',
      status: 'missing',
      actual: 128,
      required: 130,
      messageKey: 'programme.rule.graduation_missing',
      params: { actual: 128, required: 130, missing: 2 },
    });
    expect(notOk(result)).toEqual(['graduation_credits']);
    expect(check({ ...validProgramme(), graduationCredits: 128 }).passed).toBe(true);
  });

  it('a term with more than 32 credits is over, naming the term', () => {
    // term 5 holds 24; moving X1 (8) and X4 (8) there makes 40
    let programme = edit(validProgramme(), 'X1', { termNo: 5 });
    programme = edit(programme, 'X4', { termNo: 5 });
    const result = check(programme);
    expect(result.passed).toBe(false);
    expect(result.metrics.creditsByTerm).toEqual([18, 20, 18, 16, 40, 8]);
    expect(only(result, 'term_credits')).toEqual({
      rule: 'term_credits',
      status: 'over',
      actual: 40,
      required: 32,
      messageKey: 'programme.rule.term_over',
      params: { term: 5, actual: 40, max: 32, over: 8 },
    });
    expect(notOk(result)).toEqual(['term_credits']);
  });

  it('a term with exactly 32 credits is fine; electives do not count towards a term', () => {
    const programme = edit(validProgramme(), 'X1', { termNo: 5 });
    const result = check(withCourses(programme, course('E7', 'extension', OTHER, 10, 5, { isElective: true })));
    expect(result.metrics.creditsByTerm[4]).toBe(32);
    expect(results(result, 'term_credits')).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('several overfull terms are each reported', () => {
    let programme = withCourses(validProgramme(), course('X6', 'extension', OWN, 16, 1, { moduleType: 'innovation' }));
    programme = edit(programme, 'X4', { termNo: 5 });
    programme = edit(programme, 'X1', { termNo: 5 });
    const findings = results(check(programme), 'term_credits');
    expect(findings.map((entry) => entry.params)).toEqual([
      { term: 1, actual: 34, max: 32, over: 2 },
      { term: 5, actual: 40, max: 32, over: 8 },
    ]);
  });

  it('a core course owned by another group is invalid', () => {
    const result = check(edit(validProgramme(), 'C4', { ownerGroupId: OTHER }));
    expect(result.passed).toBe(false);
    expect(only(result, 'core_from_other_group')).toEqual({
      rule: 'core_from_other_group',
      status: 'invalid',
      actual: null,
      required: null,
      courses: ['C4'],
      messageKey: 'programme.rule.core_from_other_group',
      params: { name: 'Course C4', code: 'C4' },
    });
    // and it does not count as own core
    expect(only(result, 'core_credits')).toMatchObject({ status: 'missing', actual: 17, params: { missing: 5 } });
  });

  it('a course in term 7 of a 6-term programme is out of range', () => {
    const result = check(edit(validProgramme(), 'X5', { termNo: 7 }));
    expect(result.passed).toBe(false);
    expect(only(result, 'term_range')).toEqual({
      rule: 'term_range',
      status: 'invalid',
      actual: 7,
      required: 6,
      courses: ['X5'],
      messageKey: 'programme.rule.term_range',
      params: { name: 'Course X5', term: 7, terms: 6 },
    });
    // the course is still part of the total but in no term
    expect(result.metrics.creditsByTerm).toEqual([18, 20, 18, 24, 24, 8]);
    expect(result.metrics.totalCredits).toBe(128);
    expect(notOk(result)).toEqual(['term_range']);
  });

  it('terms 0 and elective options outside the range are out of range too', () => {
    let programme = edit(validProgramme(), 'S1', { termNo: 0 });
    programme = edit(programme, 'E3', { termNo: 9 });
    const findings = results(check(programme), 'term_range');
    expect(findings.map((entry) => [entry.courses, entry.params.term])).toEqual([
      [['S1'], 0],
      [['E3'], 9],
    ]);
  });

  it('a prerequisite in the same term is invalid', () => {
    const result = check(edit(validProgramme(), 'C3', { prerequisiteCodes: ['C2'] }));
    expect(result.passed).toBe(false);
    expect(only(result, 'prerequisite_order')).toEqual({
      rule: 'prerequisite_order',
      status: 'invalid',
      actual: 4,
      required: 5,
      courses: ['C3', 'C2'],
      messageKey: 'programme.rule.prerequisite_order',
      params: { name: 'Course C3', prerequisite: 'Course C2', term: 4 },
    });
    expect(notOk(result)).toEqual(['prerequisite_order']);
  });

  it('a prerequisite in a later term is invalid', () => {
    // C1 (term 3) now requires C2 (term 4), while C2 still requires C1
    const result = check(edit(validProgramme(), 'C1', { prerequisiteCodes: ['C2'] }));
    expect(result.passed).toBe(false);
    expect(only(result, 'prerequisite_order')).toMatchObject({
      actual: 3,
      required: 5,
      courses: ['C1', 'C2'],
      params: { name: 'Course C1', prerequisite: 'Course C2', term: 4 },
    });
  });

  it('prerequisites that are electives or outside the programme are not ordered', () => {
    const result = check(edit(validProgramme(), 'C1', { prerequisiteCodes: ['E3', 'ELSEWHERE'] }));
    expect(results(result, 'prerequisite_order')).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('reports several broken rules at once', () => {
    let programme = edit(validProgramme(), 'S8', { credits: 6 });
    programme = edit(programme, 'C4', { credits: 3 });
    programme = edit(programme, 'X5', { termNo: 7 });
    const result = check(programme);
    expect(result.passed).toBe(false);
    // 124 credits are now below the graduation requirement of 125 as well
    expect(notOk(result)).toEqual(['shared_credits', 'core_credits', 'graduation_credits', 'term_range']);
  });

  it('rules are configurable per cluster', () => {
    const twelve = check(edit(validProgramme(), 'R2', { ownerGroupId: OWN }), { ...defaultCreditRules, crossGroupExtensionCredits: 10 });
    expect(only(twelve, 'cross_group_extension_credits')).toMatchObject({
      status: 'ok',
      actual: 12,
      required: 10,
      messageKey: 'programme.rule.extension_ok',
    });
    expect(twelve.passed).toBe(true);

    const term7 = edit(validProgramme(), 'X5', { termNo: 7 });
    const eightTerms = check(term7, { ...defaultCreditRules, termCount: 8 });
    expect(results(eightTerms, 'term_range')).toEqual([]);
    expect(eightTerms.metrics.creditsByTerm).toEqual([18, 20, 18, 24, 24, 8, 8, 0]);

    const strict = check(validProgramme(), {
      ...defaultCreditRules,
      sharedCourseCount: 9,
      coreCredits: 30,
      practiceShareMin: 0.7,
      termCreditsMax: 20,
      totalCreditsMax: 125,
    });
    expect(notOk(strict)).toEqual([
      'shared_course_count',
      'core_credits',
      'practice_share',
      'total_credits',
      'term_credits',
      'term_credits',
    ]);
    expect(only(strict, 'practice_share').params).toEqual({ actual: 62.5, required: 70 });
    expect(only(strict, 'total_credits').params).toEqual({ actual: 128, min: 120, max: 125, over: 3 });
    expect(results(strict, 'term_credits').map((entry) => entry.params.term)).toEqual([4, 5]);
  });

  it('rounds credit sums to one decimal (no floating-point noise)', () => {
    // 0.1 + 0.2 style sums: S-credits become 6.1, 6.2, 6.3, 6.4, 6, 6, 5 and 8  → 50
    let programme = edit(validProgramme(), 'S1', { credits: 6.1 });
    programme = edit(programme, 'S2', { credits: 6.2 });
    programme = edit(programme, 'S3', { credits: 6.3 });
    programme = edit(programme, 'S4', { credits: 6.4 });
    programme = edit(programme, 'S7', { credits: 5 });
    const result = check(programme);
    expect(result.metrics.sharedCredits).toBe(50);
    expect(only(result, 'shared_credits').status).toBe('ok');
    expect(result.metrics.creditsByTerm[0]).toBe(18.6);
  });
});

describe('programmeMetrics', () => {
  it('computes the figures of the valid programme', () => {
    const metrics = programmeMetrics(validProgramme());
    expect(metrics).toEqual({
      totalCredits: 128,
      requiredCredits: 120,
      sharedCourseCount: 8,
      sharedCredits: 50,
      coreCredits: 22,
      crossGroupExtensionCredits: 16,
      electiveOptionCredits: 12,
      practiceHours: 1200,
      totalHours: 1920,
      practiceShare: 0.625,
      creditsByTerm: [18, 20, 18, 24, 24, 16],
      sharedFoundationRatio: 50 / 128,
      // extension part: R1 + R2 (8) + own-group X1–X5 (40) + counted electives (8)
      sharedExtensionRatio: 16 / 56,
      extensionPartCredits: 56,
    });
  });

  it('sharedFoundationRatio is shared credits ÷ total credits', () => {
    const metrics = programmeMetrics(without(validProgramme(), 'X5'));
    expect(metrics.totalCredits).toBe(120);
    expect(metrics.sharedFoundationRatio).toBeCloseTo(50 / 120, 12);
  });

  it('sharedExtensionRatio is cross-group extension credits ÷ credits of the extension part', () => {
    const metrics = programmeMetrics(edit(validProgramme(), 'R2', { ownerGroupId: OWN }));
    expect(metrics.crossGroupExtensionCredits).toBe(12);
    expect(metrics.extensionPartCredits).toBe(56);
    expect(metrics.sharedExtensionRatio).toBeCloseTo(12 / 56, 12);

    // a professional-layer course whose module type is "extension" belongs to the extension part
    const withModule = programmeMetrics(withCourses(validProgramme(), course('C9', 'core', OWN, 4, 6, { moduleType: 'extension' })));
    expect(withModule.extensionPartCredits).toBe(60);
    expect(withModule.sharedExtensionRatio).toBeCloseTo(16 / 60, 12);
  });

  it('electives count only up to electiveCreditsRequired', () => {
    const base = programmeMetrics(validProgramme());
    expect(base.electiveOptionCredits).toBe(12);
    expect(base.totalCredits).toBe(base.requiredCredits + 8);
    const four = programmeMetrics({ ...validProgramme(), electiveCreditsRequired: 4 });
    expect(four.totalCredits).toBe(124);
    expect(four.crossGroupExtensionCredits).toBe(12);
    expect(four.extensionPartCredits).toBe(52);
    const zero = programmeMetrics({ ...validProgramme(), electiveCreditsRequired: 0 });
    expect(zero.totalCredits).toBe(120);
    expect(zero.crossGroupExtensionCredits).toBe(8);
    // when fewer options exist than required, only the options count
    const twenty = programmeMetrics({ ...validProgramme(), electiveCreditsRequired: 20 });
    expect(twenty.totalCredits).toBe(132);
    expect(twenty.crossGroupExtensionCredits).toBe(20);
  });

  it('counts cross-group elective credits only up to the counted elective credits', () => {
    // E1 own group: 8 cross-group option credits remain, 8 are required → all 8 count
    const one = programmeMetrics(edit(validProgramme(), 'E1', { ownerGroupId: OWN }));
    expect(one.crossGroupExtensionCredits).toBe(16);
    // E1 and E2 own group: only E3's 4 credits can be cross-group
    const two = programmeMetrics(edit(edit(validProgramme(), 'E1', { ownerGroupId: OWN }), 'E2', { ownerGroupId: OWN }));
    expect(two.crossGroupExtensionCredits).toBe(12);
    expect(two.totalCredits).toBe(128);
  });

  it('creditsByTerm excludes electives and has one entry per term', () => {
    const metrics = programmeMetrics(withCourses(validProgramme(), course('E8', 'extension', OTHER, 30, 1, { isElective: true })));
    expect(metrics.creditsByTerm).toEqual([18, 20, 18, 24, 24, 16]);
    expect(programmeMetrics(validProgramme(), 4).creditsByTerm).toEqual([18, 20, 18, 24]);
  });

  it('an empty programme has zero ratios, not NaN', () => {
    const metrics = programmeMetrics({ groupId: OWN, graduationCredits: 0, electiveCreditsRequired: 0, courses: [] });
    expect(metrics.totalCredits).toBe(0);
    expect(metrics.practiceShare).toBe(0);
    expect(metrics.sharedFoundationRatio).toBe(0);
    expect(metrics.sharedExtensionRatio).toBe(0);
    expect(metrics.creditsByTerm).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

// ---------------------------------------------------------------------------------------------
// Timetable

const meeting = (weekday: number, firstPeriod: number, lastPeriod: number, firstWeek = 1, lastWeek = 16): Meeting => ({
  weekday,
  firstPeriod,
  lastPeriod,
  firstWeek,
  lastWeek,
});

describe('meetings', () => {
  it('overlap on the same weekday with overlapping periods and weeks', () => {
    expect(meetingsOverlap(meeting(1, 1, 4), meeting(1, 3, 6))).toBe(true);
    expect(meetingsOverlap(meeting(3, 5, 8, 1, 8), meeting(3, 6, 6, 8, 16))).toBe(true);
    // containment
    expect(meetingsOverlap(meeting(2, 1, 8), meeting(2, 3, 4, 5, 6))).toBe(true);
  });
  it('touching period boundaries overlap; adjacent ones do not', () => {
    expect(meetingsOverlap(meeting(1, 1, 2), meeting(1, 2, 3))).toBe(true);
    expect(meetingsOverlap(meeting(1, 2, 3), meeting(1, 1, 2))).toBe(true);
    expect(meetingsOverlap(meeting(1, 1, 2), meeting(1, 3, 4))).toBe(false);
    expect(meetingsOverlap(meeting(1, 3, 4), meeting(1, 1, 2))).toBe(false);
  });
  it('do not overlap on different weekdays or disjoint weeks', () => {
    expect(meetingsOverlap(meeting(1, 1, 2), meeting(2, 1, 2))).toBe(false);
    expect(meetingsOverlap(meeting(1, 1, 2, 1, 8), meeting(1, 1, 2, 9, 16))).toBe(false);
    expect(meetingsOverlap(meeting(1, 1, 2, 9, 16), meeting(1, 1, 2, 1, 8))).toBe(false);
    // touching week boundaries share a week
    expect(meetingsOverlap(meeting(1, 1, 2, 1, 8), meeting(1, 1, 2, 8, 16))).toBe(true);
  });
  it('is symmetric over many generated pairs', () => {
    const random = prng(7);
    for (let index = 0; index < 500; index += 1) {
      const a = randomMeeting(random);
      const b = randomMeeting(random);
      expect(meetingsOverlap(a, b)).toBe(meetingsOverlap(b, a));
      expect(meetingsOverlap(a, a)).toBe(true);
    }
  });
  it('schedulesOverlap returns the first clashing meeting of the first schedule, or null', () => {
    const mine = [meeting(1, 1, 2), meeting(3, 3, 4), meeting(5, 1, 2)];
    expect(schedulesOverlap(mine, [meeting(3, 4, 5), meeting(5, 2, 2)])).toEqual(meeting(3, 3, 4));
    expect(schedulesOverlap(mine, [meeting(2, 1, 2), meeting(3, 5, 6)])).toBeNull();
    expect(schedulesOverlap([], mine)).toBeNull();
    expect(schedulesOverlap(mine, [])).toBeNull();
  });
  it('isValidMeeting accepts the edges and rejects values beyond them', () => {
    expect(isValidMeeting(meeting(1, 1, 1, 1, 1))).toBe(true);
    expect(isValidMeeting(meeting(7, 1, 14, 1, 30))).toBe(true);
    expect(isValidMeeting(meeting(7, 14, 14, 30, 30))).toBe(true);
    for (const bad of [
      meeting(0, 1, 2),
      meeting(8, 1, 2),
      meeting(1.5, 1, 2),
      meeting(Number.NaN, 1, 2),
      meeting(1, 0, 2),
      meeting(1, 1, 15),
      meeting(1, 3, 2),
      meeting(1, 1, 2, 0, 16),
      meeting(1, 1, 2, 1, 31),
      meeting(1, 1, 2, 10, 9),
    ])
      expect(isValidMeeting(bad)).toBe(false);
  });
});

describe('findClashes', () => {
  const section = (id: number, overrides: Partial<ScheduledSection>): ScheduledSection => ({
    id,
    code: `SEC-${id}`,
    courseName: `Course ${id}`,
    teacherIds: [],
    room: null,
    classIds: [],
    meetings: [meeting(1, 1, 2)],
    ...overrides,
  });

  it('reports a teacher clash with the other section', () => {
    const candidate = section(1, { teacherIds: [10, 11], meetings: [meeting(2, 1, 2), meeting(4, 3, 4)] });
    const other = section(2, { teacherIds: [11], meetings: [meeting(4, 4, 5)] });
    expect(findClashes(candidate, [other])).toEqual([
      {
        kind: 'teacher',
        resource: 11,
        otherSectionId: 2,
        otherSectionCode: 'SEC-2',
        otherCourseName: 'Course 2',
        meeting: meeting(4, 3, 4),
      },
    ]);
  });

  it('reports a room clash regardless of case and surrounding whitespace', () => {
    const candidate = section(1, { room: 'A-101 ' });
    const other = section(2, { room: ' a-101' });
    expect(findClashes(candidate, [other])).toEqual([
      {
        kind: 'room',
        resource: 'A-101 ',
        otherSectionId: 2,
        otherSectionCode: 'SEC-2',
        otherCourseName: 'Course 2',
        meeting: meeting(1, 1, 2),
      },
    ]);
    expect(findClashes(section(1, { room: 'A-101' }), [section(2, { room: 'A-102' })])).toEqual([]);
    // no room means no room clash
    expect(findClashes(section(1, { room: null }), [section(2, { room: null })])).toEqual([]);
    expect(findClashes(section(1, { room: '' }), [section(2, { room: '' })])).toEqual([]);
  });

  it('reports a class clash for every shared class', () => {
    const clashes = findClashes(section(1, { classIds: [5, 6, 7] }), [section(2, { classIds: [7, 5, 9] })]);
    expect(clashes.map((clash) => [clash.kind, clash.resource, clash.otherSectionId])).toEqual([
      ['class', 5, 2],
      ['class', 7, 2],
    ]);
  });

  it('reports every kind against every clashing section', () => {
    const candidate = section(1, { teacherIds: [10], room: 'B2', classIds: [5] });
    const others = [
      section(2, { teacherIds: [10], room: 'b2', classIds: [5] }),
      section(3, { teacherIds: [99], room: 'C3', classIds: [5] }),
      section(4, { teacherIds: [10], room: 'B2', classIds: [5], meetings: [meeting(1, 3, 4)] }),
    ];
    expect(findClashes(candidate, others).map((clash) => `${clash.otherSectionCode}:${clash.kind}:${clash.resource}`)).toEqual([
      'SEC-2:teacher:10',
      'SEC-2:room:B2',
      'SEC-2:class:5',
      'SEC-3:class:5',
    ]);
  });

  it('never clashes with itself', () => {
    const candidate = section(1, { teacherIds: [10], room: 'B2', classIds: [5] });
    expect(findClashes(candidate, [candidate, { ...candidate }])).toEqual([]);
  });

  it('does not clash when times differ even if every resource is shared', () => {
    const candidate = section(1, { teacherIds: [10], room: 'B2', classIds: [5], meetings: [meeting(1, 1, 2, 1, 8)] });
    const others = [
      section(2, { teacherIds: [10], room: 'B2', classIds: [5], meetings: [meeting(1, 3, 4, 1, 8)] }),
      section(3, { teacherIds: [10], room: 'B2', classIds: [5], meetings: [meeting(2, 1, 2, 1, 8)] }),
      section(4, { teacherIds: [10], room: 'B2', classIds: [5], meetings: [meeting(1, 1, 2, 9, 16)] }),
      section(5, { teacherIds: [10], room: 'B2', classIds: [5], meetings: [] }),
    ];
    expect(findClashes(candidate, others)).toEqual([]);
  });

  it('does not clash at the same time without a shared resource', () => {
    expect(
      findClashes(section(1, { teacherIds: [1], room: 'R1', classIds: [1] }), [section(2, { teacherIds: [2], room: 'R2', classIds: [2] })]),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Selection eligibility

const NOW = new Date('2025-09-01T10:00:00Z');

function eligible(): EligibilityInput {
  return {
    now: NOW,
    window: {
      opensAt: new Date('2025-08-25T00:00:00Z'),
      closesAt: new Date('2025-09-05T00:00:00Z'),
      cohortYears: [2024, 2025],
      creditCap: 20,
      mode: 'first_come',
      drawn: false,
    },
    student: { cohortYear: 2025, groupId: OWN, status: 'enrolled' },
    course: { id: 100, code: 'JQ-201', name: '机器人编程', credits: 4, layer: 'core', ownerGroupId: OWN, prerequisiteCodes: ['JQ-101'] },
    programmeCourseIds: new Set([100, 101, 102]),
    passedCourseCodes: new Set(['JQ-101']),
    current: [{ courseId: 101, credits: 6, status: 'enrolled', meetings: [meeting(2, 1, 2)], courseName: '机械制图' }],
    sectionMeetings: [meeting(1, 1, 2)],
  };
}

function refusal(input: EligibilityInput): string | null {
  return selectionRefusal(input)?.reason ?? null;
}

describe('selectionRefusal', () => {
  it('allows an eligible student', () => {
    expect(selectionRefusal(eligible())).toBeNull();
  });

  it('refuses for each reason in order of precedence', () => {
    // start with everything wrong, then fix one thing at a time
    const input = eligible();
    input.student.status = 'suspended';
    input.window.opensAt = new Date('2025-09-10T00:00:00Z');
    input.window.closesAt = new Date('2025-08-01T00:00:00Z');
    input.window.cohortYears = [2023];
    input.programmeCourseIds = null;
    input.course = { ...input.course, layer: 'extension', ownerGroupId: OWN, id: 999, code: 'JQ-999', prerequisiteCodes: ['JQ-050'] };
    input.passedCourseCodes = new Set(['JQ-999']);
    input.current = [
      { courseId: 999, credits: 18, status: 'enrolled', meetings: [meeting(1, 1, 2)], courseName: 'Same' },
      { courseId: 101, credits: 2, status: 'enrolled', meetings: [meeting(1, 2, 3)], courseName: '机械制图' },
    ];
    const seen: Array<string | null> = [refusal(input)];
    input.student.status = 'enrolled';
    seen.push(refusal(input));
    input.window.opensAt = new Date('2025-08-01T00:00:00Z');
    seen.push(refusal(input));
    input.window.closesAt = new Date('2025-09-30T00:00:00Z');
    seen.push(refusal(input));
    input.window.cohortYears = [2023, 2025];
    seen.push(refusal(input));
    input.programmeCourseIds = new Set([101]);
    seen.push(refusal(input)); // own-group extension course outside the programme
    input.course = { ...input.course, layer: 'core' };
    seen.push(refusal(input)); // core course outside the programme
    input.programmeCourseIds = new Set([101, 999]);
    seen.push(refusal(input));
    input.passedCourseCodes = new Set();
    seen.push(refusal(input));
    input.current = input.current.filter((entry) => entry.courseId !== 999);
    seen.push(refusal(input));
    input.passedCourseCodes = new Set(['JQ-050']);
    input.window.creditCap = 5;
    seen.push(refusal(input));
    input.window.creditCap = 6;
    seen.push(refusal(input));
    input.sectionMeetings = [meeting(1, 4, 5)];
    seen.push(refusal(input));
    expect(seen).toEqual([
      'student_inactive',
      'window_not_open',
      'window_closed',
      'cohort',
      'no_programme',
      'own_group_extension',
      'not_in_programme',
      'already_passed',
      'same_course',
      'prerequisite',
      'credit_cap',
      'time_clash',
      null,
    ]);
  });

  it('student_inactive for any status other than enrolled', () => {
    for (const status of ['suspended', 'withdrawn', 'graduated', '']) {
      const input = eligible();
      input.student.status = status;
      expect(selectionRefusal(input)).toEqual({ reason: 'student_inactive', messageKey: 'selection.refused.student_inactive', params: {} });
    }
  });

  it('window_not_open carries the opening time; the opening instant itself is allowed', () => {
    const input = eligible();
    input.now = new Date('2025-08-24T23:59:59Z');
    expect(selectionRefusal(input)).toEqual({
      reason: 'window_not_open',
      messageKey: 'selection.refused.not_open',
      params: { opensAt: '2025-08-25T00:00:00.000Z' },
    });
    input.now = new Date('2025-08-25T00:00:00Z');
    expect(selectionRefusal(input)).toBeNull();
  });

  it('window_closed after the closing instant; the closing instant itself is allowed', () => {
    const input = eligible();
    input.now = new Date('2025-09-05T00:00:00.001Z');
    expect(selectionRefusal(input)).toEqual({ reason: 'window_closed', messageKey: 'selection.refused.closed', params: {} });
    input.now = new Date('2025-09-05T00:00:00Z');
    expect(selectionRefusal(input)).toBeNull();
  });

  it('cohort names the student’s cohort', () => {
    const input = eligible();
    input.student.cohortYear = 2023;
    expect(selectionRefusal(input)).toEqual({ reason: 'cohort', messageKey: 'selection.refused.cohort', params: { cohort: 2023 } });
  });

  it('no_programme without a published programme', () => {
    const input = eligible();
    input.programmeCourseIds = null;
    expect(selectionRefusal(input)).toEqual({ reason: 'no_programme', messageKey: 'selection.refused.no_programme', params: {} });
    // an empty published programme is a programme: the course is simply not in it
    input.programmeCourseIds = new Set();
    expect(refusal(input)).toBe('not_in_programme');
  });

  it('own_group_extension for an own-group (or ownerless) extension course outside the programme', () => {
    const input = eligible();
    input.course = { ...input.course, id: 500, layer: 'extension', ownerGroupId: OWN };
    expect(selectionRefusal(input)).toEqual({
      reason: 'own_group_extension',
      messageKey: 'selection.refused.own_group',
      params: { name: '机器人编程' },
    });
    input.course = { ...input.course, ownerGroupId: null };
    expect(refusal(input)).toBe('own_group_extension');
  });

  it('allows an own-group extension course that IS in the programme', () => {
    const input = eligible();
    input.course = { ...input.course, layer: 'extension', ownerGroupId: OWN };
    expect(input.programmeCourseIds!.has(input.course.id)).toBe(true);
    expect(selectionRefusal(input)).toBeNull();
  });

  it('allows another group’s extension course that is not in the programme (cross-group choice)', () => {
    const input = eligible();
    input.course = { ...input.course, id: 700, layer: 'extension', ownerGroupId: OTHER };
    expect(input.programmeCourseIds!.has(700)).toBe(false);
    expect(selectionRefusal(input)).toBeNull();
    // also for a student without a group
    input.student.groupId = null;
    expect(selectionRefusal(input)).toBeNull();
  });

  it('not_in_programme for shared and core courses outside the programme, including other groups’ core courses', () => {
    for (const [layer, ownerGroupId] of [
      ['shared', null],
      ['core', OWN],
      ['core', OTHER],
    ] as const) {
      const input = eligible();
      input.course = { ...input.course, id: 800, layer, ownerGroupId };
      expect(selectionRefusal(input)).toEqual({
        reason: 'not_in_programme',
        messageKey: 'selection.refused.not_in_programme',
        params: { name: '机器人编程' },
      });
    }
  });

  it('already_passed when the course code was passed', () => {
    const input = eligible();
    input.passedCourseCodes = new Set(['JQ-101', 'JQ-201']);
    expect(selectionRefusal(input)).toEqual({
      reason: 'already_passed',
      messageKey: 'selection.refused.already_passed',
      params: { name: '机器人编程' },
    });
  });

  it('same_course when another section of the course is enrolled or waitlisted', () => {
    for (const status of ['enrolled', 'waitlisted'] as const) {
      const input = eligible();
      input.current.push({ courseId: 100, credits: 4, status, meetings: [meeting(5, 1, 2)], courseName: '机器人编程' });
      expect(selectionRefusal(input)).toEqual({
        reason: 'same_course',
        messageKey: 'selection.refused.same_course',
        params: { name: '机器人编程' },
      });
    }
  });

  it('prerequisite lists only the missing codes, joined with 、', () => {
    const input = eligible();
    input.course = { ...input.course, prerequisiteCodes: ['JQ-101', 'JQ-102', 'JQ-103'] };
    expect(selectionRefusal(input)).toEqual({
      reason: 'prerequisite',
      messageKey: 'selection.refused.prerequisite',
      params: { codes: 'JQ-102、JQ-103' },
    });
  });

  it('credit_cap counts enrolled and waitlisted credits; reaching the cap exactly is allowed', () => {
    const input = eligible();
    input.current.push({ courseId: 102, credits: 10.5, status: 'waitlisted', meetings: [meeting(3, 1, 2)], courseName: 'W' });
    // 6 + 10.5 + 4 = 20.5 > 20
    expect(selectionRefusal(input)).toEqual({
      reason: 'credit_cap',
      messageKey: 'selection.refused.credit_cap',
      params: { cap: 20, current: 16.5, credits: 4 },
    });
    input.current[1]!.credits = 10;
    expect(selectionRefusal(input)).toBeNull();
  });

  it('time_clash names the clashing course, enrolled or waitlisted (a promotion must never create a clash)', () => {
    const input = eligible();
    input.current.push({ courseId: 102, credits: 2, status: 'waitlisted', meetings: [meeting(1, 2, 3)], courseName: 'Waiting' });
    expect(selectionRefusal(input)).toEqual({
      reason: 'time_clash',
      messageKey: 'selection.refused.time_clash',
      params: { name: 'Waiting' },
    });
    input.current[1]!.meetings = [meeting(1, 2, 3, 17, 18)];
    expect(selectionRefusal(input)).toBeNull();
    input.current.push({ courseId: 103, credits: 2, status: 'enrolled', meetings: [meeting(1, 2, 3)], courseName: 'Clashing' });
    expect(selectionRefusal(input)).toEqual({
      reason: 'time_clash',
      messageKey: 'selection.refused.time_clash',
      params: { name: 'Clashing' },
    });
    // disjoint weeks do not clash
    input.current[2]!.meetings = [meeting(1, 2, 3, 17, 18)];
    expect(selectionRefusal(input)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Lottery

/** mulberry32: a small deterministic PRNG, so the generated cases are the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function randomMeeting(random: () => number): Meeting {
  const firstPeriod = between(random, 1, 10);
  const firstWeek = between(random, 1, 16);
  return {
    weekday: between(random, 1, 3),
    firstPeriod,
    lastPeriod: firstPeriod + between(random, 0, 3),
    firstWeek,
    lastWeek: Math.min(30, firstWeek + between(random, 0, 12)),
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

function randomLottery(random: () => number, caseNo: number): LotteryInput {
  const sectionCount = between(random, 2, 8);
  const courseCount = between(random, 1, sectionCount);
  const sections: LotterySection[] = Array.from({ length: sectionCount }, (_, index) => ({
    id: 10 + index * between(random, 1, 3),
    courseId: between(random, 1, courseCount),
    credits: between(random, 1, 4),
    seats: between(random, 0, 5),
    meetings: Array.from({ length: between(random, 0, 2) }, () => randomMeeting(random)),
  }));
  const uniqueSections = [...new Map(sections.map((section) => [section.id, section])).values()];
  const studentCount = between(random, 1, 30);
  const preferences = Array.from({ length: studentCount }, (_, index) => ({
    studentId: 1000 + index * 7,
    // may repeat a section and name sections that do not exist
    sectionIds: Array.from({ length: between(random, 0, 6) }, () =>
      random() < 0.05 ? 9999 : uniqueSections[between(random, 0, uniqueSections.length - 1)]!.id,
    ),
  }));
  return {
    seed: `case-${caseNo}`,
    sections: uniqueSections,
    preferences,
    maxCourses: between(random, 1, 3),
    creditCap: between(random, 2, 10),
  };
}

/** Checks every invariant of one draw and returns the number of (student, choice) pairs that lost. */
function assertLotteryInvariants(input: LotteryInput, result: LotteryResult): number {
  const sections = new Map(input.sections.map((section) => [section.id, section]));
  const ticket = (studentId: number) => lotteryTicket(input.seed, studentId);
  const allocationsOf = (studentId: number) => result.allocations.filter((entry) => entry.studentId === studentId);
  let losses = 0;

  // no section is over its seats
  for (const section of input.sections) {
    expect(result.allocations.filter((entry) => entry.sectionId === section.id).length).toBeLessThanOrEqual(Math.max(0, section.seats));
  }

  for (const preference of input.preferences) {
    const mine = allocationsOf(preference.studentId);
    const won = mine.map((entry) => sections.get(entry.sectionId)!);
    // never the same course twice, never more than maxCourses, never beyond the cap, never two clashing sections
    expect(new Set(won.map((section) => section.courseId)).size).toBe(won.length);
    expect(won.length).toBeLessThanOrEqual(input.maxCourses);
    expect(won.reduce((total, section) => total + section.credits, 0)).toBeLessThanOrEqual(input.creditCap);
    for (let a = 0; a < won.length; a += 1)
      for (let b = a + 1; b < won.length; b += 1) expect(schedulesOverlap(won[a]!.meetings, won[b]!.meetings)).toBeNull();

    // replay the rounds from the student's point of view
    const choices = [...new Set(preference.sectionIds)].filter((id) => sections.has(id));
    for (const allocation of mine) expect(choices[allocation.rank - 1]).toBe(allocation.sectionId);
    choices.forEach((sectionId, index) => {
      const rank = index + 1;
      const section = sections.get(sectionId)!;
      const before = mine.filter((entry) => entry.rank < rank).map((entry) => sections.get(entry.sectionId)!);
      const applied =
        before.length < input.maxCourses &&
        !before.some((item) => item.courseId === section.courseId) &&
        before.reduce((total, item) => total + item.credits, 0) + section.credits <= input.creditCap &&
        !before.some((item) => schedulesOverlap(item.meetings, section.meetings));
      const gotIt = mine.some((entry) => entry.sectionId === sectionId);
      const waitlisted = result.waitlist.filter((entry) => entry.studentId === preference.studentId && entry.sectionId === sectionId);
      if (!applied) {
        expect(gotIt).toBe(false);
        expect(waitlisted).toEqual([]);
        return;
      }
      if (gotIt) {
        expect(waitlisted).toEqual([]);
        return;
      }
      losses += 1;
      // the key property: a choice a student applied for and lost was full …
      const holders = result.allocations.filter((entry) => entry.sectionId === sectionId);
      expect(holders.length).toBe(Math.max(0, section.seats));
      // … and every holder applied with a better (smaller) rank or the same rank and a lower ticket
      for (const holder of holders) {
        expect(holder.rank).toBeLessThanOrEqual(rank);
        if (holder.rank === rank) expect(ticket(holder.studentId) < ticket(preference.studentId)).toBe(true);
      }
      // a loser waits only where a promotion would still keep every rule as the draw ended
      // (no course won, under maxCourses, within the cap, no clash), and only in their best-ranked
      // losing section of that course
      const stillFits =
        won.length < input.maxCourses &&
        !won.some((item) => item.courseId === section.courseId) &&
        won.reduce((total, item) => total + item.credits, 0) + section.credits <= input.creditCap &&
        !won.some((item) => schedulesOverlap(item.meetings, section.meetings));
      const betterLoss = choices
        .slice(0, index)
        .some(
          (other) =>
            sections.get(other)!.courseId === section.courseId &&
            result.waitlist.some((entry) => entry.studentId === preference.studentId && entry.sectionId === other),
        );
      expect(waitlisted.length).toBe(stillFits && !betterLoss ? 1 : 0);
      if (waitlisted.length === 1) expect(waitlisted[0]!.rank).toBe(rank);
    });
  }

  // waitlists: positions 1..n without gaps, ordered by (rank, ticket); grouped by section id
  const bySection = new Map<number, LotteryResult['waitlist']>();
  for (const entry of result.waitlist) bySection.set(entry.sectionId, [...(bySection.get(entry.sectionId) ?? []), entry]);
  expect(result.waitlist.map((entry) => entry.sectionId)).toEqual(
    [...result.waitlist.map((entry) => entry.sectionId)].sort((a, b) => a - b),
  );
  for (const list of bySection.values()) {
    expect(list.map((entry) => entry.position)).toEqual(list.map((_, index) => index + 1));
    for (let index = 1; index < list.length; index += 1) {
      const previous = list[index - 1]!;
      const current = list[index]!;
      const inOrder =
        previous.rank < current.rank || (previous.rank === current.rank && ticket(previous.studentId) < ticket(current.studentId));
      expect(inOrder).toBe(true);
    }
    expect(new Set(list.map((entry) => entry.studentId)).size).toBe(list.length);
  }
  // a winner of a course is never waitlisted for another section of it
  for (const entry of result.waitlist) {
    const courseId = sections.get(entry.sectionId)!.courseId;
    expect(allocationsOf(entry.studentId).some((allocation) => sections.get(allocation.sectionId)!.courseId === courseId)).toBe(false);
  }
  return losses;
}

describe('lotteryTicket', () => {
  it('is the sha256 hex of "seed:studentId"', () => {
    expect(lotteryTicket('2025-autumn', 42)).toBe(createHash('sha256').update('2025-autumn:42').digest('hex'));
    expect(lotteryTicket('abc', 1)).toMatch(/^[0-9a-f]{64}$/);
    expect(lotteryTicket('abc', 1)).not.toBe(lotteryTicket('abc', 2));
    expect(lotteryTicket('abc', 1)).not.toBe(lotteryTicket('abd', 1));
  });
});

describe('drawLottery', () => {
  const oneSection = (seats: number, studentCount: number, seed = 'seed-1'): LotteryInput => ({
    seed,
    sections: [{ id: 1, courseId: 1, credits: 2, seats, meetings: [meeting(1, 1, 2)] }],
    preferences: Array.from({ length: studentCount }, (_, index) => ({ studentId: index + 1, sectionIds: [1] })),
    maxCourses: 1,
    creditCap: 10,
  });

  it('in an oversubscribed section the lowest tickets win and the rest are waitlisted in ticket order', () => {
    const input = oneSection(3, 10);
    const result = drawLottery(input);
    const byTicket = [...Array.from({ length: 10 }, (_, index) => index + 1)].sort((a, b) =>
      lotteryTicket('seed-1', a) < lotteryTicket('seed-1', b) ? -1 : 1,
    );
    expect(result.allocations.map((entry) => entry.studentId)).toEqual(byTicket.slice(0, 3));
    expect(result.allocations.every((entry) => entry.rank === 1 && entry.sectionId === 1)).toBe(true);
    expect(result.waitlist).toEqual(
      byTicket.slice(3).map((studentId, index) => ({ studentId, sectionId: 1, rank: 1, position: index + 1 })),
    );
    expect(result.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.resultHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an undersubscribed section takes every applicant and waitlists nobody', () => {
    const result = drawLottery(oneSection(5, 5));
    expect(result.allocations.map((entry) => entry.studentId).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(result.waitlist).toEqual([]);
  });

  it('sections with no or negative seats take nobody', () => {
    for (const seats of [0, -3]) {
      const result = drawLottery(oneSection(seats, 4));
      expect(result.allocations).toEqual([]);
      expect(result.waitlist.map((entry) => entry.position)).toEqual([1, 2, 3, 4]);
    }
  });

  it('is reproducible: same seed and inputs give identical allocations, waitlist and hashes, whatever the input order', () => {
    const random = prng(2024);
    for (let caseNo = 0; caseNo < 50; caseNo += 1) {
      const input = randomLottery(random, caseNo);
      const first = drawLottery(input);
      expect(drawLottery(structuredClone(input))).toEqual(first);
      const reordered: LotteryInput = {
        ...input,
        sections: shuffle(input.sections, random),
        preferences: shuffle(input.preferences, random),
      };
      expect(drawLottery(reordered)).toEqual(first);
    }
  });

  it('a different seed gives a different draw in an oversubscribed case', () => {
    const a = drawLottery(oneSection(5, 40, 'seed-a'));
    const b = drawLottery(oneSection(5, 40, 'seed-b'));
    expect(a.inputsHash).not.toBe(b.inputsHash);
    expect(a.resultHash).not.toBe(b.resultHash);
    expect(new Set(a.allocations.map((entry) => entry.studentId))).not.toEqual(new Set(b.allocations.map((entry) => entry.studentId)));
  });

  it('the inputs hash changes with seats, preferences, caps and the seed', () => {
    const base = oneSection(3, 10);
    const hash = drawLottery(base).inputsHash;
    expect(drawLottery({ ...base, seed: 'other' }).inputsHash).not.toBe(hash);
    expect(drawLottery({ ...base, maxCourses: 2 }).inputsHash).not.toBe(hash);
    expect(drawLottery({ ...base, creditCap: 11 }).inputsHash).not.toBe(hash);
    expect(drawLottery({ ...base, sections: [{ ...base.sections[0]!, seats: 4 }] }).inputsHash).not.toBe(hash);
    expect(drawLottery({ ...base, preferences: base.preferences.slice(1) }).inputsHash).not.toBe(hash);
  });

  it('decides a higher choice before a lower one: a first choice beats someone else’s second choice', () => {
    // student 1 wants A then B; student 2 wants B first. B has one seat: whatever the tickets, student 2 gets it
    // only when student 1 won A; if A is full of better tickets, student 1 competes for B in round 2, after 2 got it.
    const sections: LotterySection[] = [
      { id: 1, courseId: 1, credits: 2, seats: 0, meetings: [] },
      { id: 2, courseId: 2, credits: 2, seats: 1, meetings: [] },
    ];
    for (const seed of ['s1', 's2', 's3', 's4', 's5', 's6']) {
      const result = drawLottery({
        seed,
        sections,
        preferences: [
          { studentId: 1, sectionIds: [1, 2] },
          { studentId: 2, sectionIds: [2] },
        ],
        maxCourses: 2,
        creditCap: 10,
      });
      expect(result.allocations).toEqual([{ studentId: 2, sectionId: 2, rank: 1 }]);
      expect(result.waitlist).toEqual([
        { studentId: 1, sectionId: 1, rank: 1, position: 1 },
        { studentId: 1, sectionId: 2, rank: 2, position: 1 },
      ]);
    }
  });

  it('a student who lost a section and won another section of the same course is not waitlisted for it', () => {
    const sections: LotterySection[] = [
      { id: 1, courseId: 7, credits: 2, seats: 1, meetings: [meeting(1, 1, 2)] },
      { id: 2, courseId: 7, credits: 2, seats: 5, meetings: [meeting(2, 1, 2)] },
    ];
    const result = drawLottery({
      seed: 'x',
      sections,
      preferences: [1, 2, 3].map((studentId) => ({ studentId, sectionIds: [1, 2] })),
      maxCourses: 3,
      creditCap: 10,
    });
    expect(result.allocations.filter((entry) => entry.sectionId === 1)).toHaveLength(1);
    expect(result.allocations.filter((entry) => entry.sectionId === 2).map((entry) => entry.rank)).toEqual([2, 2]);
    expect(result.waitlist).toEqual([]);
  });

  it('skips choices that clash, repeat a course, exceed the cap or come after maxCourses', () => {
    const sections: LotterySection[] = [
      { id: 1, courseId: 1, credits: 4, seats: 9, meetings: [meeting(1, 1, 2)] },
      { id: 2, courseId: 2, credits: 2, seats: 9, meetings: [meeting(1, 2, 3)] }, // clashes with 1
      { id: 3, courseId: 1, credits: 2, seats: 9, meetings: [meeting(3, 1, 2)] }, // same course as 1
      { id: 4, courseId: 4, credits: 5, seats: 9, meetings: [meeting(4, 1, 2)] }, // 4 + 5 > cap 8
      { id: 5, courseId: 5, credits: 3, seats: 9, meetings: [meeting(5, 1, 2)] },
      { id: 6, courseId: 6, credits: 1, seats: 9, meetings: [meeting(5, 3, 4)] }, // beyond maxCourses 2
    ];
    const result = drawLottery({
      seed: 'x',
      sections,
      preferences: [{ studentId: 9, sectionIds: [1, 2, 3, 4, 5, 6] }],
      maxCourses: 2,
      creditCap: 8,
    });
    expect(result.allocations).toEqual([
      { studentId: 9, sectionId: 1, rank: 1 },
      { studentId: 9, sectionId: 5, rank: 5 },
    ]);
    expect(result.waitlist).toEqual([]);
  });

  it('ignores unknown sections and repeated choices', () => {
    const sections: LotterySection[] = [
      { id: 1, courseId: 1, credits: 2, seats: 1, meetings: [] },
      { id: 2, courseId: 2, credits: 2, seats: 1, meetings: [] },
    ];
    const result = drawLottery({
      seed: 'x',
      sections,
      preferences: [{ studentId: 1, sectionIds: [404, 1, 1, 2] }],
      maxCourses: 5,
      creditCap: 10,
    });
    expect(result.allocations).toEqual([
      { studentId: 1, sectionId: 1, rank: 1 },
      { studentId: 1, sectionId: 2, rank: 2 },
    ]);
  });

  it('an empty draw allocates nothing', () => {
    const result = drawLottery({ seed: 'x', sections: [], preferences: [], maxCourses: 2, creditCap: 10 });
    expect(result.allocations).toEqual([]);
    expect(result.waitlist).toEqual([]);
  });

  it('keeps every invariant over 200 generated cases', () => {
    const random = prng(20250901);
    let losses = 0;
    let allocations = 0;
    for (let caseNo = 0; caseNo < 200; caseNo += 1) {
      const input = randomLottery(random, caseNo);
      const result = drawLottery(input);
      losses += assertLotteryInvariants(input, result);
      allocations += result.allocations.length;
    }
    // the generator really exercises both oversubscription and allocation
    expect(losses).toBeGreaterThan(100);
    expect(allocations).toBeGreaterThan(300);
  });
});

// ---------------------------------------------------------------------------------------------
// Grades

describe('parseGrade', () => {
  it('percent: 60 passes, 59 fails, 0–100 with one decimal', () => {
    expect(parseGrade('percent', '59')).toEqual({ score: 59, level: null, passed: false });
    expect(parseGrade('percent', '60')).toEqual({ score: 60, level: null, passed: true });
    expect(parseGrade('percent', '100')).toEqual({ score: 100, level: null, passed: true });
    expect(parseGrade('percent', '0')).toEqual({ score: 0, level: null, passed: false });
    expect(parseGrade('percent', '59.9')).toEqual({ score: 59.9, level: null, passed: false });
    expect(parseGrade('percent', ' 85.5 ')).toEqual({ score: 85.5, level: null, passed: true });
    expect(parseGrade('percent', 72)).toEqual({ score: 72, level: null, passed: true });
    expect(parseGrade('percent', 59.5)).toEqual({ score: 59.5, level: null, passed: false });
  });
  it('percent: rejects out-of-range and non-numeric input', () => {
    for (const bad of ['100.5', '101', '-1', 'abc', '', ' ', '60.55', '1e2', '60分', '.5', '60.', '优秀', '1000'])
      expect(parseGrade('percent', bad)).toBeNull();
    expect(parseGrade('percent', -1)).toBeNull();
    expect(parseGrade('percent', 100.5)).toBeNull();
  });
  it('five levels: Chinese labels, values and English words, case-insensitive', () => {
    expect(parseGrade('five_level', '优秀')).toEqual({ score: null, level: 'excellent', passed: true });
    expect(parseGrade('five_level', 'excellent')).toEqual({ score: null, level: 'excellent', passed: true });
    expect(parseGrade('five_level', ' Excellent ')).toEqual({ score: null, level: 'excellent', passed: true });
    expect(parseGrade('five_level', '良好')).toEqual({ score: null, level: 'good', passed: true });
    expect(parseGrade('five_level', '中等')).toEqual({ score: null, level: 'fair', passed: true });
    expect(parseGrade('five_level', '及格')).toEqual({ score: null, level: 'pass', passed: true });
    expect(parseGrade('five_level', 'PASS')).toEqual({ score: null, level: 'pass', passed: true });
    expect(parseGrade('five_level', '不及格')).toEqual({ score: null, level: 'fail', passed: false });
    expect(parseGrade('five_level', 'Fail')).toEqual({ score: null, level: 'fail', passed: false });
    for (const bad of ['85', '合格', 'passed', '优', '', 'very good']) expect(parseGrade('five_level', bad)).toBeNull();
  });
  it('pass/fail: 合格 / 不合格 and the English words', () => {
    expect(parseGrade('pass_fail', '合格')).toEqual({ score: null, level: 'passed', passed: true });
    expect(parseGrade('pass_fail', '不合格')).toEqual({ score: null, level: 'failed', passed: false });
    expect(parseGrade('pass_fail', 'passed')).toEqual({ score: null, level: 'passed', passed: true });
    expect(parseGrade('pass_fail', 'FAILED')).toEqual({ score: null, level: 'failed', passed: false });
    for (const bad of ['优秀', '及格', '60', 'pass', '']) expect(parseGrade('pass_fail', bad)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Terms

describe('programme terms', () => {
  it('maps programme terms to term codes', () => {
    expect(termCodeFor(2025, 1)).toBe('2025-2026-1');
    expect(termCodeFor(2025, 2)).toBe('2025-2026-2');
    expect(termCodeFor(2025, 3)).toBe('2026-2027-1');
    expect(termCodeFor(2025, 4)).toBe('2026-2027-2');
    expect(termCodeFor(2025, 6)).toBe('2027-2028-2');
  });
  it('round-trips through programmeTermOf', () => {
    for (const cohort of [2019, 2024, 2025, 2030]) {
      for (let term = 1; term <= 8; term += 1) expect(programmeTermOf(cohort, termCodeFor(cohort, term))).toBe(term);
    }
    expect(programmeTermOf(2025, '2026-2027-2')).toBe(4);
  });
  it('programmeTermOf rejects malformed codes', () => {
    for (const bad of ['2025-2026-3', '2025-2026', '2025/2026/1', '25-26-1', '', '2025-2026-1 '])
      expect(programmeTermOf(2025, bad)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Course versions

describe('diffVersions', () => {
  const version = (overrides: Partial<CourseVersionFields> = {}): CourseVersionFields => ({
    name: '机器人编程',
    nameEn: 'Robot programming',
    credits: 4,
    theoryHours: 32,
    practiceHours: 32,
    assessment: 'exam',
    layer: 'core',
    moduleType: 'professional',
    ownerGroupId: 1,
    certificateCodes: ['C1', 'C2'],
    prerequisiteCodes: ['JQ-101'],
    description: 'text',
    ...overrides,
  });

  it('finds nothing between identical versions', () => {
    expect(diffVersions(version(), version())).toEqual([]);
  });

  it('reports only the changed fields, in display order, with from and to', () => {
    const changes = diffVersions(version(), version({ description: 'new', credits: 3, name: '机器人编程 II' }));
    expect(changes).toEqual([
      { field: 'name', from: '机器人编程', to: '机器人编程 II' },
      { field: 'credits', from: 4, to: 3 },
      { field: 'description', from: 'text', to: 'new' },
    ]);
    expect(changes.map((change) => versionedFields.indexOf(change.field))).toEqual([0, 2, 11]);
  });

  it('treats arrays as sets', () => {
    expect(diffVersions(version({ certificateCodes: ['C1', 'C2'] }), version({ certificateCodes: ['C2', 'C1'] }))).toEqual([]);
    expect(diffVersions(version(), version({ certificateCodes: ['C1'] }))).toEqual([
      { field: 'certificateCodes', from: ['C1', 'C2'], to: ['C1'] },
    ]);
    expect(diffVersions(version(), version({ prerequisiteCodes: ['JQ-102'] })).map((change) => change.field)).toEqual([
      'prerequisiteCodes',
    ]);
  });

  it('treats numeric strings and numbers as equal', () => {
    expect(diffVersions(version({ credits: '4.0' }), version({ credits: 4 }))).toEqual([]);
    expect(diffVersions(version({ credits: '4.5' }), version({ credits: 4.5 }))).toEqual([]);
    expect(diffVersions(version({ ownerGroupId: '1' }), version({ ownerGroupId: 1 }))).toEqual([]);
    expect(diffVersions(version({ credits: '4.5' }), version({ credits: 4 }))).toEqual([{ field: 'credits', from: '4.5', to: 4 }]);
  });

  it('treats empty strings, undefined and null alike and reports missing values as null', () => {
    expect(diffVersions(version({ nameEn: '', description: undefined }), version({ nameEn: null, description: null }))).toEqual([]);
    expect(diffVersions(version({ description: undefined }), version({ description: 'added' }))).toEqual([
      { field: 'description', from: null, to: 'added' },
    ]);
    expect(diffVersions(version(), version({ ownerGroupId: undefined }))).toEqual([{ field: 'ownerGroupId', from: 1, to: null }]);
  });
});

describe('fixes found in review', () => {
  const section = (id: number, weekday: number): LotterySection => ({
    id,
    courseId: id,
    credits: 2,
    seats: 1,
    meetings: [meeting(weekday, 1, 2)],
  });

  it('a student who loses two sections of one course waits for it once, in the better-ranked section', () => {
    const result = drawLottery({
      seed: 's',
      maxCourses: 2,
      creditCap: 10,
      sections: [
        { id: 1, courseId: 10, credits: 2, seats: 1, meetings: [] },
        { id: 2, courseId: 10, credits: 2, seats: 1, meetings: [] },
      ],
      preferences: [1, 2, 3].map((studentId) => ({ studentId, sectionIds: [1, 2] })),
    });
    const keys = result.waitlist.map((entry) => `${entry.studentId}:10`);
    expect(new Set(keys).size).toBe(keys.length);
    const loser = [1, 2, 3].find((id) => !result.allocations.some((a) => a.studentId === id))!;
    expect(result.waitlist.filter((entry) => entry.studentId === loser)).toEqual([
      { studentId: loser, sectionId: 1, rank: 1, position: 1 },
    ]);
  });

  it('a loser who then won a clashing section, or reached maxCourses, does not wait: a promotion would break the rule', () => {
    const monday = [meeting(1, 1, 2)];
    const result = drawLottery({
      seed: 's',
      maxCourses: 1,
      creditCap: 10,
      sections: [
        { id: 1, courseId: 10, credits: 2, seats: 0, meetings: monday },
        { id: 2, courseId: 20, credits: 2, seats: 5, meetings: monday },
      ],
      preferences: [{ studentId: 1, sectionIds: [1, 2] }],
    });
    expect(result.allocations).toEqual([{ studentId: 1, sectionId: 2, rank: 2 }]);
    expect(result.waitlist).toEqual([]);
  });

  it('places held in other windows count toward the cap and clashes', () => {
    const result = drawLottery({
      seed: 's',
      maxCourses: 2,
      creditCap: 6,
      sections: [
        { id: 1, courseId: 10, credits: 4, seats: 5, meetings: [meeting(2, 1, 2)] },
        { id: 2, courseId: 20, credits: 2, seats: 5, meetings: [meeting(3, 1, 2)] },
      ],
      preferences: [{ studentId: 1, sectionIds: [1, 2] }],
      held: [{ studentId: 1, courseId: 99, credits: 4, meetings: [meeting(3, 1, 2)] }],
    });
    expect(result.allocations).toEqual([]);
  });

  it('the lottery inputs hash covers class times, which decide clashes', () => {
    const base = { seed: 's', preferences: [{ studentId: 1, sectionIds: [1, 2] }], maxCourses: 2, creditCap: 10 };
    const a = drawLottery({ ...base, sections: [section(1, 1), section(2, 1)] });
    const b = drawLottery({ ...base, sections: [section(1, 1), section(2, 2)] });
    expect(a.allocations).toHaveLength(1);
    expect(b.allocations).toHaveLength(2);
    expect(a.inputsHash).not.toBe(b.inputsHash);
  });

  it('a student listed twice in the preferences is one applicant', () => {
    const result = drawLottery({
      seed: 's',
      maxCourses: 1,
      creditCap: 2,
      sections: [
        { id: 1, courseId: 10, credits: 2, seats: 5, meetings: [] },
        { id: 2, courseId: 10, credits: 2, seats: 5, meetings: [] },
      ],
      preferences: [
        { studentId: 7, sectionIds: [1] },
        { studentId: 7, sectionIds: [1, 2] },
      ],
    });
    expect(result.allocations).toEqual([{ studentId: 7, sectionId: 1, rank: 1 }]);
  });

  it('a practice share just under the minimum fails even when it rounds to the minimum', () => {
    const programme = validProgramme();
    const practice = programme.courses.reduce((sum, c) => sum + (c.isElective ? 0 : c.practiceHours), 0);
    const hours = programme.courses.reduce((sum, c) => sum + (c.isElective ? 0 : c.practiceHours + c.theoryHours), 0);
    const rules = { ...defaultCreditRules, practiceShareMin: practice / hours + 0.0004 };
    expect(only(checkProgramme(programme, rules), 'practice_share').status).toBe('missing');
  });

  it('programmeTermOf refuses non-consecutive years and terms before the cohort', () => {
    expect(programmeTermOf(2025, '2025-2030-1')).toBeNull();
    expect(programmeTermOf(2025, '2024-2025-1')).toBeNull();
    expect(programmeTermOf(2025, '2025-2026-1')).toBe(1);
  });

  it('isValidMeeting refuses fractional periods and weeks', () => {
    expect(isValidMeeting({ ...meeting(1, 1, 2), firstPeriod: 1.5 })).toBe(false);
    expect(isValidMeeting({ ...meeting(1, 1, 2), lastWeek: 15.5 })).toBe(false);
  });

  it('diffVersions treats empty lists as none and ignores repeated entries', () => {
    const fields = { name: 'A', certificateCodes: [] as string[], prerequisiteCodes: ['X', 'X'] } as unknown as CourseVersionFields;
    expect(diffVersions(fields, { ...fields, certificateCodes: null, prerequisiteCodes: ['X'] } as unknown as CourseVersionFields)).toEqual(
      [],
    );
  });
});
