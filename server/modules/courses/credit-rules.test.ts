import { describe, expect, it } from 'vitest';
import { translate } from '../../platform/messages.ts';
import { checkCreditRules, lastCohortOf, mayApproveVersion, programmeRuleSource, versionInForce, withAuthor } from './credit-rules.ts';
import { defaultCreditRules, type CreditStructureRules } from './rules.ts';

const rules = (change: Partial<CreditStructureRules> = {}): CreditStructureRules => ({ ...defaultCreditRules, ...change });
const fields = (value: CreditStructureRules, cohort?: number) => checkCreditRules(value, cohort).map((problem) => problem.field);
const words = (value: CreditStructureRules, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  checkCreditRules(value).map((problem) => translate(problem.messageKey, locale, problem.params));

describe('sanity checks of a credit-rule version', () => {
  it('the seeds’ defaults pass', () => {
    expect(checkCreditRules(defaultCreditRules, 2025)).toEqual([]);
  });

  it('the nonsense of issue 12 (no shared course, total 0–1, one term) is refused, each problem in words', () => {
    const nonsense = rules({ sharedCourseCount: 0, totalCreditsMin: 0, totalCreditsMax: 1, termCount: 1 });
    expect(fields(nonsense)).toEqual(['sharedCourseCount', 'totalCreditsMin', 'totalCreditsMax']);
    expect(words(nonsense)).toEqual([
      '底层共享课程门数为 0，应在 1–40 之间',
      '总学分下限为 0，应在 10–300 之间',
      '总学分上限为 1，应在 10–300 之间',
    ]);
    expect(words(nonsense, 'en')[0]).toBe('Shared courses (count) is 0; it must be between 1 and 40');
    // One term is allowed by itself, but not with 32 credits a term against a 120-credit minimum.
    expect(words(rules({ termCount: 1 }))).toEqual(['1 个学期 × 每学期至多 32 学分 = 32 学分，排不下总学分下限 120']);
    expect(words(rules({ termCount: 1 }), 'en')).toEqual(['1 term × at most 32 credits = 32 credits, less than the minimum total of 120']);
    expect(words(rules({ termCount: 3 }), 'en')).toEqual(['3 terms × at most 32 credits = 96 credits, less than the minimum total of 120']);
  });

  it('minimums not above maximums; the three layers fit under the maximum total', () => {
    expect(words(rules({ totalCreditsMin: 170 }))).toEqual(['总学分下限 170 高于上限 160']);
    // 50 + 22 + 16 = 88 fits under 90, not under 80.
    expect(checkCreditRules(rules({ totalCreditsMin: 80, totalCreditsMax: 90 }))).toEqual([]);
    expect(words(rules({ totalCreditsMin: 70, totalCreditsMax: 80 }))).toEqual([
      '三层学分之和 88（底层共享 50 + 中层分立 22 + 高层互选 16）超过总学分上限 80，没有方案能同时满足',
    ]);
  });

  it('terms 1–12 and whole courses; credits in halves; practice share 0–90 %', () => {
    expect(fields(rules({ termCount: 13 }))).toEqual(['termCount']);
    expect(fields(rules({ termCount: 0 }))).toEqual(['termCount']);
    expect(fields(rules({ termCount: 6.5 }))).toEqual(['termCount']);
    expect(fields(rules({ termCount: 12 }))).toEqual([]);
    expect(fields(rules({ sharedCourseCount: 7.5 }))).toEqual(['sharedCourseCount']);
    expect(words(rules({ coreCredits: 22.3 }))).toEqual(['本群核心课程学分为 22.3，学分以 0.5 为单位']);
    expect(fields(rules({ coreCredits: 22.5 }))).toEqual([]);
    expect(fields(rules({ crossGroupExtensionCredits: 0 }))).toEqual(['crossGroupExtensionCredits']);
    expect(words(rules({ practiceShareMin: 0.95 }))).toEqual(['实践学时占比下限为 95%，应在 0%–90% 之间']);
    expect(fields(rules({ practiceShareMin: 0 }))).toEqual([]);
    expect(fields(rules({ practiceShareMin: -0.1 }))).toEqual(['practiceShareMin']);
    expect(fields(rules({ sharedCredits: Number.NaN }))).toEqual(['sharedCredits']);
  });

  it('shared credits fit the shared courses: 0.5 to 16 per course on average', () => {
    expect(words(rules({ sharedCourseCount: 2 }))).toEqual(['底层共享 2 门课程共 50 学分，平均每门 25 学分，应在 0.5–16 学分之间']);
    expect(words(rules({ sharedCourseCount: 2 }), 'en')).toEqual([
      '2 shared courses have 50 credits, 25 per course; it must be 0.5 to 16 per course',
    ]);
    expect(fields(rules({ sharedCourseCount: 4 }))).toEqual([]);
    expect(fields(rules({ sharedCourseCount: 40, sharedCredits: 19.5, totalCreditsMin: 60, totalCreditsMax: 80 }))).toEqual([
      'sharedCredits',
    ]);
  });

  it('the first cohort is a year between 2000 and 2100', () => {
    expect(fields(defaultCreditRules, 1999)).toEqual(['effectiveFromCohort']);
    expect(fields(defaultCreditRules, 2026.5)).toEqual(['effectiveFromCohort']);
    expect(fields(defaultCreditRules, 2100)).toEqual([]);
  });
});

describe('which version is in force for a cohort', () => {
  const v = (id: number, versionNo: number, effectiveFromCohort: number, status = 'approved') => ({
    id,
    versionNo,
    effectiveFromCohort,
    status,
  });
  const versions = [v(1, 1, 2023), v(2, 2, 2027), v(3, 3, 2025), v(4, 4, 2030, 'pending'), v(5, 5, 2026, 'superseded')];

  it('the approved version starting at the latest cohort not after it; none before the first', () => {
    expect(versionInForce(versions, 2022)).toBeNull();
    expect(versionInForce(versions, 2023)?.id).toBe(1);
    expect(versionInForce(versions, 2024)?.id).toBe(1);
    expect(versionInForce(versions, 2025)?.id).toBe(3);
    expect(versionInForce(versions, 2026)?.id).toBe(3);
    // A later-approved version for an earlier cohort does not override the one starting at 2027.
    expect(versionInForce(versions, 2027)?.id).toBe(2);
    // A pending or superseded version is never in force.
    expect(versionInForce(versions, 2031)?.id).toBe(2);
  });

  it('a version runs until the next approved version starts', () => {
    expect(lastCohortOf(versions, versions[0]!)).toBe(2024);
    expect(lastCohortOf(versions, versions[2]!)).toBe(2026);
    expect(lastCohortOf(versions, versions[1]!)).toBeNull();
    expect(lastCohortOf(versions, versions[3]!)).toBeNull();
  });
});

describe('programmes and approval', () => {
  it('a draft follows the version in force; a submitted, approved or published programme keeps its own', () => {
    expect(programmeRuleSource({ status: 'draft', cohortYear: 2026, pinnedVersionId: 7 })).toEqual({ kind: 'in_force', cohortYear: 2026 });
    for (const status of ['submitted', 'approved', 'published'])
      expect(programmeRuleSource({ status, cohortYear: 2026, pinnedVersionId: 7 })).toEqual({ kind: 'pinned', versionId: 7 });
    expect(programmeRuleSource({ status: 'published', cohortYear: 2020, pinnedVersionId: null })).toEqual({
      kind: 'pinned',
      versionId: null,
    });
  });

  it('nobody approves a version they wrote', () => {
    const authors = withAuthor(withAuthor([3], 5), 3);
    expect(authors).toEqual([3, 5]);
    expect(mayApproveVersion({ authors }, 3)).toBe(false);
    expect(mayApproveVersion({ authors }, 5)).toBe(false);
    expect(mayApproveVersion({ authors }, 8)).toBe(true);
  });
});
