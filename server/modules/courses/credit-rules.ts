/**
 * Pure rules of the versioned credit-structure rules (学分结构规则版本), no I/O: the sanity checks a
 * version must pass before it is saved, submitted or approved; which approved version is in force
 * for a cohort; which version a programme is checked against; and the four-eyes rule of approval.
 */
import { translateBoth, type LocalizedText, type MessageKey, type MessageParams } from '../../platform/messages.ts';
import { round1 } from '../../platform/numbers.ts';
import type { CreditStructureRules } from './rules.ts';
import './credit-rules-messages.ts';

export const creditRuleStatuses = ['draft', 'pending', 'approved', 'superseded', 'discarded'] as const;
export type CreditRuleStatus = (typeof creditRuleStatuses)[number];
export const creditRuleStatusLabels: Record<CreditRuleStatus, LocalizedText> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  pending: { 'zh-CN': '待审批', en: 'Waiting for approval' },
  approved: { 'zh-CN': '已批准', en: 'Approved' },
  superseded: { 'zh-CN': '已被取代', en: 'Superseded' },
  discarded: { 'zh-CN': '已放弃', en: 'Discarded' },
};

/** Where a version's numbers came from. */
export const creditRuleOrigins = ['edited', 'defaults', 'migrated', 'seeded'] as const;
export type CreditRuleOrigin = (typeof creditRuleOrigins)[number];

export const creditRuleFields = [
  'sharedCourseCount',
  'sharedCredits',
  'coreCredits',
  'crossGroupExtensionCredits',
  'practiceShareMin',
  'totalCreditsMin',
  'totalCreditsMax',
  'termCreditsMax',
  'termCount',
] as const satisfies readonly (keyof CreditStructureRules)[];
export type CreditRuleField = (typeof creditRuleFields)[number];

/** Bounds of each figure: what a 高职 or 技师学院 programme can sensibly ask for. */
export const creditRuleBounds = {
  sharedCourseCount: { min: 1, max: 40, whole: true },
  sharedCredits: { min: 0.5, max: 200, halves: true },
  coreCredits: { min: 0.5, max: 200, halves: true },
  crossGroupExtensionCredits: { min: 0.5, max: 100, halves: true },
  totalCreditsMin: { min: 10, max: 300, halves: true },
  totalCreditsMax: { min: 10, max: 300, halves: true },
  termCreditsMax: { min: 1, max: 60, halves: true },
  termCount: { min: 1, max: 12, whole: true },
} as const satisfies Partial<Record<CreditRuleField, { min: number; max: number; whole?: boolean; halves?: boolean }>>;
/** Practice hours ÷ all hours: a programme with no theory at all is not a programme. */
export const practiceShareMax = 0.9;
/** Credits of one shared-platform course, on average. */
export const sharedCreditsPerCourse = { min: 0.5, max: 16 };
/** Cohorts (入学年级) a version can start from. */
export const cohortBounds = { min: 2000, max: 2100 };

export interface CreditRuleProblem {
  field: CreditRuleField | 'effectiveFromCohort';
  messageKey: MessageKey;
  params: MessageParams;
}

const fieldLabel = (field: CreditRuleField): LocalizedText => translateBoth(`creditRules.field.${field}`);

/**
 * The sanity checks of a rule version: each figure within its bounds (whole numbers, half credits),
 * minimums not above maximums, and the parts compatible with the whole — the three layers fit under
 * the maximum total, the minimum total fits in the terms, the shared credits fit the shared courses.
 * Relations are only checked between figures that are themselves in bounds, so each problem is named once.
 */
export function checkCreditRules(rules: CreditStructureRules, effectiveFromCohort?: number): CreditRuleProblem[] {
  const problems: CreditRuleProblem[] = [];
  const sound = new Set<CreditRuleField>();
  for (const [field, bounds] of Object.entries(creditRuleBounds) as [
    keyof typeof creditRuleBounds,
    (typeof creditRuleBounds)[keyof typeof creditRuleBounds],
  ][]) {
    const value = rules[field];
    const params = { field: fieldLabel(field), value: String(value), min: bounds.min, max: bounds.max };
    if (typeof value !== 'number' || !Number.isFinite(value) || value < bounds.min || value > bounds.max) {
      problems.push({ field, messageKey: 'creditRules.problem.range', params });
    } else if ('whole' in bounds && !Number.isInteger(value)) {
      problems.push({ field, messageKey: 'creditRules.problem.whole_number', params });
    } else if ('halves' in bounds && !Number.isInteger(value * 2)) {
      problems.push({ field, messageKey: 'creditRules.problem.half_credits', params });
    } else sound.add(field);
  }
  const share = rules.practiceShareMin;
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > practiceShareMax) {
    problems.push({
      field: 'practiceShareMin',
      messageKey: 'creditRules.problem.practice_share',
      params: { value: String(Number.isFinite(share) ? round1(share * 100) : share), max: practiceShareMax * 100 },
    });
  }
  const ok = (...fields: CreditRuleField[]) => fields.every((field) => sound.has(field));

  if (ok('totalCreditsMin', 'totalCreditsMax') && rules.totalCreditsMin > rules.totalCreditsMax) {
    problems.push({
      field: 'totalCreditsMin',
      messageKey: 'creditRules.problem.min_above_max',
      params: { min: rules.totalCreditsMin, max: rules.totalCreditsMax },
    });
  }
  if (ok('sharedCredits', 'coreCredits', 'crossGroupExtensionCredits', 'totalCreditsMax')) {
    const parts = round1(rules.sharedCredits + rules.coreCredits + rules.crossGroupExtensionCredits);
    if (parts > rules.totalCreditsMax) {
      problems.push({
        field: 'totalCreditsMax',
        messageKey: 'creditRules.problem.parts_over_total',
        params: {
          parts,
          shared: rules.sharedCredits,
          core: rules.coreCredits,
          extension: rules.crossGroupExtensionCredits,
          max: rules.totalCreditsMax,
        },
      });
    }
  }
  if (ok('termCount', 'termCreditsMax', 'totalCreditsMin')) {
    const capacity = round1(rules.termCount * rules.termCreditsMax);
    if (capacity < rules.totalCreditsMin) {
      problems.push({
        field: 'termCount',
        messageKey: 'creditRules.problem.terms_too_few',
        params: { terms: rules.termCount, perTerm: rules.termCreditsMax, capacity, min: rules.totalCreditsMin },
      });
    }
  }
  if (ok('sharedCourseCount', 'sharedCredits')) {
    const average = round1(rules.sharedCredits / rules.sharedCourseCount);
    const exact = rules.sharedCredits / rules.sharedCourseCount;
    if (exact < sharedCreditsPerCourse.min || exact > sharedCreditsPerCourse.max) {
      problems.push({
        field: 'sharedCredits',
        messageKey: 'creditRules.problem.shared_average',
        params: {
          count: rules.sharedCourseCount,
          credits: rules.sharedCredits,
          average,
          min: sharedCreditsPerCourse.min,
          max: sharedCreditsPerCourse.max,
        },
      });
    }
  }
  if (
    effectiveFromCohort !== undefined &&
    (!Number.isInteger(effectiveFromCohort) || effectiveFromCohort < cohortBounds.min || effectiveFromCohort > cohortBounds.max)
  ) {
    problems.push({
      field: 'effectiveFromCohort',
      messageKey: 'creditRules.problem.cohort',
      params: { value: String(effectiveFromCohort), ...cohortBounds },
    });
  }
  return problems;
}

export interface VersionLike {
  id: number;
  versionNo: number;
  status: string;
  effectiveFromCohort: number;
}

/**
 * The approved version in force for a cohort: the one starting at the latest cohort not after it
 * (a version runs until the next one starts). Null when no approved version starts at or before it.
 */
export function versionInForce<T extends VersionLike>(versions: T[], cohortYear: number): T | null {
  let best: T | null = null;
  for (const version of versions) {
    if (version.status !== 'approved' || version.effectiveFromCohort > cohortYear) continue;
    if (
      !best ||
      version.effectiveFromCohort > best.effectiveFromCohort ||
      (version.effectiveFromCohort === best.effectiveFromCohort && version.versionNo > best.versionNo)
    )
      best = version;
  }
  return best;
}

/** The last cohort an approved version is in force for (the cohort before the next approved version starts), or null if open-ended. */
export function lastCohortOf<T extends VersionLike>(versions: T[], version: T): number | null {
  if (version.status !== 'approved') return null;
  const later = versions
    .filter((other) => other.status === 'approved' && other.effectiveFromCohort > version.effectiveFromCohort)
    .map((other) => other.effectiveFromCohort);
  return later.length === 0 ? null : Math.min(...later) - 1;
}

/**
 * Which rules a programme is checked against. A draft follows the version in force for its cohort;
 * once submitted (and after approval and publication) it keeps the version it was checked under —
 * `pinnedVersionId`, or the seeds' defaults when it was submitted before any version was approved.
 */
export function programmeRuleSource(programme: {
  status: string;
  cohortYear: number;
  pinnedVersionId: number | null;
}): { kind: 'in_force'; cohortYear: number } | { kind: 'pinned'; versionId: number | null } {
  return programme.status === 'draft'
    ? { kind: 'in_force', cohortYear: programme.cohortYear }
    : { kind: 'pinned', versionId: programme.pinnedVersionId };
}

/** Four eyes: nobody approves a version they drafted, changed or submitted. */
export function mayApproveVersion(version: { authors: number[] }, userId: number): boolean {
  return !version.authors.includes(userId);
}

/** A version's authors after one more person wrote it (created, changed, restored or submitted). */
export function withAuthor(authors: number[], userId: number): number[] {
  return authors.includes(userId) ? authors : [...authors, userId];
}
