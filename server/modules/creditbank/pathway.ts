/**
 * The four-stage apprentice pathway (四段式学徒培养路径, `003_*.txt`), pure: 初级学徒 (中职学历 +
 * 初级工) → 中级学徒 (高职一年级学业 + 中级工) → 高级学徒 (高职二年级学业 + 高级工) → 准工匠
 * (高职学历 + 预备技师). Each stage pairs an academic criterion with a certificate level; both are
 * configurable per cluster. Stages are reached in order: a student stands at the last stage whose
 * criteria, and those of every stage before it, are all met.
 */
import { translate, type MessageKey, type MessageParams } from '../../platform/messages.ts';
import { certificateLevelLabels, certificateLevels, levelRank, type CertificateLevel } from './rules.ts';
import './messages.ts';

export const stageKeys = ['junior_apprentice', 'intermediate_apprentice', 'senior_apprentice', 'craftsman_candidate'] as const;
export type StageKey = (typeof stageKeys)[number];

export const stageNames: Record<StageKey, { 'zh-CN': string; en: string }> = {
  junior_apprentice: { 'zh-CN': '初级学徒', en: 'Junior apprentice' },
  intermediate_apprentice: { 'zh-CN': '中级学徒', en: 'Intermediate apprentice' },
  senior_apprentice: { 'zh-CN': '高级学徒', en: 'Senior apprentice' },
  craftsman_candidate: { 'zh-CN': '准工匠', en: 'Craftsman candidate' },
};

/**
 * - secondary_done: holds a secondary-level (中职) qualification — a graduate of a 中职 major, or a
 *   student admitted to a 高职 / 技师 / 本科 major, which requires one;
 * - credit_share: has completed coursework worth this share of the programme's graduation credits
 *   (course credits and exempted courses; converted certificate credits are not coursework), or
 *   the fixed number when the student has no published programme;
 * - graduated: has graduated, or has earned the programme's graduation credits.
 */
export type AcademicCriterion =
  { kind: 'secondary_done' } | { kind: 'credit_share'; share: number; fallbackCredits: number } | { kind: 'graduated' };

export interface StageCriteria {
  key: StageKey;
  academic: AcademicCriterion;
  minCertificateLevel: CertificateLevel;
}

export const defaultPathway: StageCriteria[] = [
  { key: 'junior_apprentice', academic: { kind: 'secondary_done' }, minCertificateLevel: 'junior' },
  // 高职一年级学业: a third of a three-year programme; 48 credits when there is no programme.
  {
    key: 'intermediate_apprentice',
    academic: { kind: 'credit_share', share: 1 / 3, fallbackCredits: 48 },
    minCertificateLevel: 'intermediate',
  },
  { key: 'senior_apprentice', academic: { kind: 'credit_share', share: 2 / 3, fallbackCredits: 96 }, minCertificateLevel: 'senior' },
  { key: 'craftsman_candidate', academic: { kind: 'graduated' }, minCertificateLevel: 'technician_prep' },
];

export type MajorLevel = 'secondary_vocational' | 'higher_vocational' | 'undergraduate' | 'technician';

/** What the stages are evaluated from: the academic record and the ledger. */
export interface PathwayFacts {
  majorLevel: MajorLevel;
  status: string;
  /** Course credits and exempted courses standing in the ledger. */
  courseworkCredits: number;
  programmeGraduationCredits: number | null;
  /** The highest level of any certificate granted and not reversed, with its name. */
  highestCertificate: { level: CertificateLevel; name: string } | null;
}

type Bilingual = { 'zh-CN': string; en: string };
/** The message in both languages; enParams where a parameter is itself a word to translate. */
const both = (key: MessageKey, params: MessageParams = {}, enParams: MessageParams = params): Bilingual => ({
  'zh-CN': translate(key, 'zh-CN', params),
  en: translate(key, 'en', enParams),
});

export interface CriterionResult {
  key: 'academic' | 'certificate';
  label: Bilingual;
  met: boolean;
  detail: Bilingual;
}

export interface StageResult {
  key: StageKey;
  name: Bilingual;
  reached: boolean;
  criteria: CriterionResult[];
}

export interface PathwayResult {
  current: StageKey | null;
  next: StageKey | null;
  stages: StageResult[];
  /** The unmet criteria of the next stage: exactly what stands between the student and it. */
  missing: CriterionResult[];
}

const ceilHalf = (value: number) => Math.ceil(value * 2 - 1e-9) / 2;

/** Credits a credit_share criterion asks of this student. */
export function requiredCredits(
  criterion: Extract<AcademicCriterion, { kind: 'credit_share' }>,
  programmeGraduationCredits: number | null,
): number {
  return programmeGraduationCredits === null ? criterion.fallbackCredits : ceilHalf(programmeGraduationCredits * criterion.share);
}

const round = (value: number) => Math.round(value * 10) / 10;

function academicResult(criterion: AcademicCriterion, facts: PathwayFacts): CriterionResult {
  const earned = round(facts.courseworkCredits);
  switch (criterion.kind) {
    case 'secondary_done': {
      const met = facts.majorLevel === 'secondary_vocational' ? facts.status === 'graduated' : true;
      return {
        key: 'academic',
        label: both('creditbank.pathway.academic.secondary_done'),
        met,
        detail: both(met ? 'creditbank.pathway.detail.secondary_met' : 'creditbank.pathway.detail.secondary_missing'),
      };
    }
    case 'credit_share': {
      const required = requiredCredits(criterion, facts.programmeGraduationCredits);
      const met = facts.courseworkCredits >= required;
      return {
        key: 'academic',
        label: both('creditbank.pathway.academic.credit_share', { required }),
        met,
        detail: both(met ? 'creditbank.pathway.detail.credits_met' : 'creditbank.pathway.detail.credits_missing', {
          earned,
          required,
          gap: round(required - facts.courseworkCredits),
        }),
      };
    }
    case 'graduated': {
      const required = facts.programmeGraduationCredits;
      const met = facts.status === 'graduated' || (required !== null && facts.courseworkCredits >= required);
      return {
        key: 'academic',
        label: both('creditbank.pathway.academic.graduated'),
        met,
        detail: both(
          met
            ? 'creditbank.pathway.detail.graduated_met'
            : required === null
              ? 'creditbank.pathway.detail.graduated_missing'
              : 'creditbank.pathway.detail.graduated_missing_credits',
          { earned, required: required ?? 0 },
        ),
      };
    }
  }
}

function certificateResult(minLevel: CertificateLevel, facts: PathwayFacts): CriterionResult {
  const held = facts.highestCertificate;
  const met = held !== null && levelRank(held.level) >= levelRank(minLevel);
  const wanted = certificateLevelLabels[minLevel];
  const label = both('creditbank.pathway.certificate', { level: wanted['zh-CN'] }, { level: wanted.en });
  if (met) {
    const level = certificateLevelLabels[held.level];
    return {
      key: 'certificate',
      label,
      met,
      detail: both(
        'creditbank.pathway.detail.certificate_met',
        { level: level['zh-CN'], name: held.name },
        { level: level.en, name: held.name },
      ),
    };
  }
  const heldLevel = held ? certificateLevelLabels[held.level] : { 'zh-CN': '无', en: 'none' };
  return {
    key: 'certificate',
    label,
    met,
    detail: both(
      'creditbank.pathway.detail.certificate_missing',
      { level: wanted['zh-CN'], held: heldLevel['zh-CN'] },
      { level: wanted.en, held: heldLevel.en },
    ),
  };
}

export function evaluatePathway(stages: StageCriteria[], facts: PathwayFacts): PathwayResult {
  let blocked = false;
  let current: StageKey | null = null;
  let next: StageKey | null = null;
  let missing: CriterionResult[] = [];
  const results = stages.map((stage): StageResult => {
    const criteria = [academicResult(stage.academic, facts), certificateResult(stage.minCertificateLevel, facts)];
    const allMet = criteria.every((criterion) => criterion.met);
    const reached = !blocked && allMet;
    if (reached) current = stage.key;
    else if (!blocked) {
      blocked = true;
      next = stage.key;
      missing = criteria.filter((criterion) => !criterion.met);
    }
    return { key: stage.key, name: stageNames[stage.key], reached, criteria };
  });
  return { current, next, stages: results, missing };
}

export interface PathwayProblem {
  field: string;
  messageKey: MessageKey;
  params?: MessageParams;
}

/** A configuration is four stages in their order; certificate levels and credits never fall from one stage to the next. */
export function checkPathway(stages: StageCriteria[]): PathwayProblem[] {
  const problems: PathwayProblem[] = [];
  if (stages.length !== stageKeys.length || stages.some((stage, index) => stage.key !== stageKeys[index])) {
    return [{ field: 'stages', messageKey: 'creditbank.pathway.bad_order' }];
  }
  let previousLevel = 0;
  let previousCredits = 0;
  let previousShare = 0;
  stages.forEach((stage, index) => {
    const field = `stages[${index}]`;
    if (!certificateLevels.includes(stage.minCertificateLevel))
      problems.push({ field: `${field}.minCertificateLevel`, messageKey: 'creditbank.pathway.bad_level' });
    else {
      if (levelRank(stage.minCertificateLevel) < previousLevel)
        problems.push({
          field: `${field}.minCertificateLevel`,
          messageKey: 'creditbank.pathway.level_falls',
          params: { stage: stageNames[stage.key] },
        });
      previousLevel = levelRank(stage.minCertificateLevel);
    }
    if (stage.academic.kind === 'credit_share') {
      const { share, fallbackCredits } = stage.academic;
      if (!(share > 0 && share <= 1) || !(fallbackCredits >= 0 && fallbackCredits <= 300)) {
        problems.push({
          field: `${field}.academic`,
          messageKey: 'creditbank.pathway.bad_credits',
          params: { stage: stageNames[stage.key] },
        });
      } else {
        if (share < previousShare || fallbackCredits < previousCredits)
          problems.push({
            field: `${field}.academic`,
            messageKey: 'creditbank.pathway.credits_fall',
            params: { stage: stageNames[stage.key] },
          });
        previousShare = share;
        previousCredits = fallbackCredits;
      }
    }
  });
  return problems;
}
