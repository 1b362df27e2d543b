/**
 * Credit-bank rules (学分银行), pure: what an outcome converts into, the caps, the one-outcome-once
 * identity, and the claim workflow's transitions. Defaults come from `000_*.txt` §(三)4 where the
 * seeds give numbers (跨群证书 初级 2 / 中级 4 / 高级 6 学分); the rest are our defaults, marked.
 */
import type { LocalizedText, MessageKey, MessageParams } from '../../platform/messages.ts';
import './messages.ts';

export const certificateLevels = ['junior', 'intermediate', 'senior', 'technician_prep', 'technician'] as const;
export type CertificateLevel = (typeof certificateLevels)[number];

export const certificateLevelLabels: Record<CertificateLevel, { 'zh-CN': string; en: string }> = {
  junior: { 'zh-CN': '初级', en: 'Junior' },
  intermediate: { 'zh-CN': '中级', en: 'Intermediate' },
  senior: { 'zh-CN': '高级', en: 'Senior' },
  technician_prep: { 'zh-CN': '预备技师', en: 'Preparatory technician' },
  technician: { 'zh-CN': '技师', en: 'Technician' },
};

export const levelRank = (level: CertificateLevel): number => certificateLevels.indexOf(level) + 1;

export const competitionLevels = ['national', 'provincial', 'municipal', 'school'] as const;
export type CompetitionLevel = (typeof competitionLevels)[number];
export const competitionLevelLabels: Record<CompetitionLevel, { 'zh-CN': string; en: string }> = {
  national: { 'zh-CN': '国家级', en: 'National' },
  provincial: { 'zh-CN': '省级', en: 'Provincial' },
  municipal: { 'zh-CN': '市级', en: 'Municipal' },
  school: { 'zh-CN': '校级', en: 'School' },
};

export const prizes = ['first', 'second', 'third', 'excellence'] as const;
export type Prize = (typeof prizes)[number];
export const prizeLabels: Record<Prize, { 'zh-CN': string; en: string }> = {
  first: { 'zh-CN': '一等奖', en: 'First prize' },
  second: { 'zh-CN': '二等奖', en: 'Second prize' },
  third: { 'zh-CN': '三等奖', en: 'Third prize' },
  excellence: { 'zh-CN': '优秀奖', en: 'Honourable mention' },
};

export type OutcomeKind = 'course_credit' | 'certificate' | 'competition';
export type LedgerCategory = 'course' | 'certificate' | 'competition' | 'exemption';
export type IntendedUse = 'credit' | 'exemption';

/** The ledger's categories as people read them (账本类别). */
export const ledgerCategoryLabels: Record<LedgerCategory, { 'zh-CN': string; en: string }> = {
  course: { 'zh-CN': '课程学分', en: 'course credits' },
  certificate: { 'zh-CN': '证书学分', en: 'certificate credits' },
  competition: { 'zh-CN': '竞赛学分', en: 'competition credits' },
  exemption: { 'zh-CN': '课程免修', en: 'course exemption' },
};

export interface ConversionRules {
  /** Credits for a certificate owned by another group than the student's (跨群). Seeds: 2 / 4 / 6. */
  crossGroupCertificateCredits: Record<CertificateLevel, number>;
  /**
   * Credits for a certificate of the student's own group or of the whole cluster (our default: none; it is part of
   * 课证融通 and exempts mapped courses instead).
   */
  ownGroupCertificateCredits: Record<CertificateLevel, number>;
  competitionCredits: Record<CompetitionLevel, Record<Prize, number>>;
  /** Most credits a student can get from certificates, competitions and exemptions together. */
  maxConvertedCreditsPerStudent: number;
  /** Most of a programme's graduation credits that conversion may supply (0–1). */
  maxConvertedShareOfProgramme: number;
  /** Whether a mapped course can be exempted (免修) instead of taking credits. */
  allowExemption: boolean;
}

/** Seeds: cross-group 初级 2 / 中级 4 / 高级 6. Everything else here is our default, configurable. */
export const defaultConversionRules: ConversionRules = {
  crossGroupCertificateCredits: { junior: 2, intermediate: 4, senior: 6, technician_prep: 8, technician: 10 },
  ownGroupCertificateCredits: { junior: 0, intermediate: 0, senior: 0, technician_prep: 0, technician: 0 },
  competitionCredits: {
    national: { first: 8, second: 6, third: 4, excellence: 2 },
    provincial: { first: 6, second: 4, third: 3, excellence: 1 },
    municipal: { first: 3, second: 2, third: 1, excellence: 0.5 },
    school: { first: 2, second: 1, third: 0.5, excellence: 0 },
  },
  maxConvertedCreditsPerStudent: 24,
  maxConvertedShareOfProgramme: 0.2,
  allowExemption: true,
};

export interface RuleProblem {
  field: string;
  messageKey: MessageKey;
  params: MessageParams;
}

/** Checks a rule set as an editor submits it: credits are 0–20 in half credits, caps positive, levels ordered. */
export function checkConversionRules(rules: ConversionRules): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const checkCredits = (field: string, value: number) => {
    if (!Number.isFinite(value) || value < 0 || value > 20 || Math.round(value * 2) !== value * 2) {
      problems.push({ field, messageKey: 'creditbank.rules.bad_credits', params: { field, value: String(value) } });
    }
  };
  for (const table of ['crossGroupCertificateCredits', 'ownGroupCertificateCredits'] as const) {
    let previous = -1;
    for (const level of certificateLevels) {
      const value = rules[table][level];
      checkCredits(`${table}.${level}`, value);
      if (value < previous)
        problems.push({ field: `${table}.${level}`, messageKey: 'creditbank.rules.level_order', params: { field: `${table}.${level}` } });
      previous = value;
    }
  }
  for (const level of competitionLevels) {
    for (const prize of prizes) checkCredits(`competitionCredits.${level}.${prize}`, rules.competitionCredits[level][prize]);
  }
  if (!(rules.maxConvertedCreditsPerStudent > 0 && rules.maxConvertedCreditsPerStudent <= 80)) {
    problems.push({
      field: 'maxConvertedCreditsPerStudent',
      messageKey: 'creditbank.rules.bad_cap',
      params: { value: String(rules.maxConvertedCreditsPerStudent) },
    });
  }
  if (!(rules.maxConvertedShareOfProgramme > 0 && rules.maxConvertedShareOfProgramme <= 1)) {
    problems.push({
      field: 'maxConvertedShareOfProgramme',
      messageKey: 'creditbank.rules.bad_share',
      params: { value: String(rules.maxConvertedShareOfProgramme) },
    });
  }
  return problems;
}

/** The rule set that applies on a date: the approved version whose validity covers it, the newest if several do. */
export function ruleSetFor<T extends { status: string; versionNo: number; validFrom: string; validTo: string | null }>(
  sets: T[],
  date: string,
): T | null {
  const covering = sets.filter(
    (set) => set.status === 'approved' && set.validFrom <= date && (set.validTo === null || date <= set.validTo),
  );
  return covering.sort((a, b) => b.versionNo - a.versionNo)[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Identity: one real-world outcome, one key, whatever path it comes by (self-submitted, staff,
// the issuing body's spreadsheet, the courses module).

/** Certificate numbers are compared without spaces, dashes or case: "TJ-2024 0001" is "TJ20240001". */
export function normalizeCertificateNo(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\-_/]/g, '')
    .toUpperCase();
}

export type OutcomeIdentityInput =
  | { kind: 'certificate'; certificateId: number; certificateNo: string }
  | { kind: 'competition'; competitionId: number; studentId: number }
  | { kind: 'course_credit'; earnedCreditId: number };

export function outcomeIdentity(input: OutcomeIdentityInput): string {
  switch (input.kind) {
    case 'certificate':
      return `certificate:${input.certificateId}:${normalizeCertificateNo(input.certificateNo)}`;
    case 'competition':
      return `competition:${input.competitionId}:student:${input.studentId}`;
    case 'course_credit':
      return `course_credit:${input.earnedCreditId}`;
  }
}

/**
 * One certificate at one level (一证一级) — what a student may claim:
 * - a student holds at most one claim per certificate and level that is live (submitted, verified) or
 *   granted, whatever certificate number it carries: a second claim for the same certificate and level,
 *   with another number or the same, is the same outcome and is refused at once (the claim form asks
 *   as the student picks the certificate and level, before submitting);
 * - a rejected claim, or a reversed grant, no longer holds the place: the student may claim again;
 * - a higher level of the same certificate is a new outcome (conversion gives the difference, see
 *   convertOutcome); a lower one than a level already granted is accepted and converts to nothing;
 * - a certificate number is one outcome across all students and sources (outcomeIdentity above);
 * - the issuing body's results (imports) count: a level the body already recorded for the student holds the place.
 * The database holds the same rule for claims by students and staff (migration 0022, unique index).
 */
export const placeHoldingStatuses = ['submitted', 'verified', 'granted'] as const satisfies readonly ClaimStatus[];

/** The claim that already holds this certificate and level for the student, if any (the granted one first). */
export function claimHoldingLevel<T extends { kind: string; certificateId: number | null; level: string | null; status: string }>(
  claims: T[],
  certificateId: number,
  level: CertificateLevel,
): T | null {
  const holding = claims.filter(
    (claim) =>
      claim.kind === 'certificate' &&
      claim.certificateId === certificateId &&
      claim.level === level &&
      (placeHoldingStatuses as readonly string[]).includes(claim.status),
  );
  return holding.find((claim) => claim.status === 'granted') ?? holding[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Matching the issuing body's results to students: on ID number and name, never on name alone.

/** Names compare without spaces and with one form of the middle dot (阿依古丽·买买提 = 阿依古丽•买买提). */
export function normalizePersonName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[·•・‧∙⋅．.]/g, '·');
}

export type ResultMatch =
  | { matched: true; studentId: number }
  | { matched: false; reason: 'id_not_found' | 'name_mismatch' | 'ambiguous'; candidateStudentId: number | null };

/**
 * A result row matches a student when exactly one student of the institution has its ID number
 * and that student's name is the row's name. Anything else is for a person to decide.
 */
export function matchResult(rowName: string, studentsWithIdNumber: Array<{ id: number; name: string }>): ResultMatch {
  if (studentsWithIdNumber.length === 0) return { matched: false, reason: 'id_not_found', candidateStudentId: null };
  if (studentsWithIdNumber.length > 1) return { matched: false, reason: 'ambiguous', candidateStudentId: null };
  const [student] = studentsWithIdNumber;
  if (normalizePersonName(student!.name) !== normalizePersonName(rowName))
    return { matched: false, reason: 'name_mismatch', candidateStudentId: student!.id };
  return { matched: true, studentId: student!.id };
}

/** Issue dates as issuing bodies write them: 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日. Null when not a real date. */
export function parseIssueDate(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC').trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Conversion

/** An outcome already granted to the student, as conversion sees it. */
export interface PriorGrant {
  kind: OutcomeKind;
  category: LedgerCategory;
  credits: number;
  certificateId?: number | null;
  level?: CertificateLevel | null;
  exemptedCourseId?: number | null;
}

export interface ConversionInput {
  rules: ConversionRules;
  outcome:
    | { kind: 'certificate'; certificateId: number; ownerGroupId: number | null; level: CertificateLevel }
    | { kind: 'competition'; level: CompetitionLevel; prize: Prize }
    | { kind: 'course_credit'; credits: number };
  use: IntendedUse;
  studentGroupId: number | null;
  /**
   * For an exemption: the course, its credits, whether the certificate's mapping covers it at this level, and
   * whether the student already passed it.
   */
  exemption?: { courseId: number; courseCredits: number; mappedAtLevel: boolean; alreadyPassed: boolean } | null;
  /** The student's programme's graduation credits, when they have a published programme. */
  programmeGraduationCredits: number | null;
  prior: PriorGrant[];
}

export type Conversion =
  | {
      ok: true;
      category: LedgerCategory;
      credits: number;
      exemptedCourseId: number | null;
      cappedFrom: number | null;
      crossGroup: boolean;
      explanation: { messageKey: MessageKey; params: MessageParams };
    }
  | { ok: false; reason: string; messageKey: MessageKey; params: MessageParams };

const convertedCategories: LedgerCategory[] = ['certificate', 'competition', 'exemption'];

/** Credits already supplied by conversion (everything but earned course credits). */
export function convertedCredits(prior: PriorGrant[]): number {
  return prior.filter((grant) => convertedCategories.includes(grant.category)).reduce((sum, grant) => sum + grant.credits, 0);
}

/** The cap on conversion for a student: the per-student cap, and the programme share when there is a programme. */
export function conversionCap(rules: ConversionRules, programmeGraduationCredits: number | null): number {
  const programmeCap =
    programmeGraduationCredits === null
      ? Number.POSITIVE_INFINITY
      : floorHalf(programmeGraduationCredits * rules.maxConvertedShareOfProgramme);
  return Math.min(rules.maxConvertedCreditsPerStudent, programmeCap);
}

const floorHalf = (value: number) => Math.floor(value * 2 + 1e-9) / 2;

/**
 * What granting an outcome gives: course credits pass through; a certificate gives its level's
 * credits (cross-group or own-group table), less what a lower level of the same certificate already
 * gave (so a certificate is counted once, at its highest level); a competition gives its level ×
 * prize; an exemption gives the mapped course's credits instead of any. Conversion stops at the cap.
 */
export function convertOutcome(input: ConversionInput): Conversion {
  const { rules, outcome } = input;
  if (outcome.kind === 'course_credit') {
    return {
      ok: true,
      category: 'course',
      credits: outcome.credits,
      exemptedCourseId: null,
      cappedFrom: null,
      crossGroup: false,
      explanation: { messageKey: 'creditbank.explain.course', params: { credits: outcome.credits } },
    };
  }
  const crossGroup = outcome.kind === 'certificate' && outcome.ownerGroupId !== null && outcome.ownerGroupId !== input.studentGroupId;
  const cap = conversionCap(rules, input.programmeGraduationCredits);
  const remaining = floorHalf(cap - convertedCredits(input.prior));

  if (input.use === 'exemption') {
    if (outcome.kind !== 'certificate') return refusal('exemption_needs_certificate', 'creditbank.refused.exemption_needs_certificate');
    if (!rules.allowExemption) return refusal('exemption_disabled', 'creditbank.refused.exemption_disabled');
    const exemption = input.exemption;
    if (!exemption || !exemption.mappedAtLevel) return refusal('not_mapped', 'creditbank.refused.not_mapped');
    if (exemption.alreadyPassed) return refusal('course_already_passed', 'creditbank.refused.course_already_passed');
    if (input.prior.some((grant) => grant.exemptedCourseId === exemption.courseId))
      return refusal('course_already_exempted', 'creditbank.refused.course_already_exempted');
    if (exemption.courseCredits > remaining)
      return refusal('cap_reached', 'creditbank.refused.cap_reached_exemption', {
        cap,
        used: cap - remaining,
        credits: exemption.courseCredits,
      });
    return {
      ok: true,
      category: 'exemption',
      credits: exemption.courseCredits,
      exemptedCourseId: exemption.courseId,
      cappedFrom: null,
      crossGroup,
      explanation: { messageKey: 'creditbank.explain.exemption', params: { credits: exemption.courseCredits } },
    };
  }

  let full: number;
  let explanation: { messageKey: MessageKey; params: MessageParams };
  if (outcome.kind === 'certificate') {
    const table = crossGroup ? rules.crossGroupCertificateCredits : rules.ownGroupCertificateCredits;
    const levelCredits = table[outcome.level];
    const sameCertificate = input.prior.filter((grant) => grant.kind === 'certificate' && grant.certificateId === outcome.certificateId);
    const already = sameCertificate.reduce((sum, grant) => sum + grant.credits, 0);
    if (sameCertificate.some((grant) => grant.level && levelRank(grant.level) >= levelRank(outcome.level))) {
      return refusal('superseded', 'creditbank.refused.superseded');
    }
    full = Math.max(0, levelCredits - already);
    explanation = {
      messageKey: crossGroup ? 'creditbank.explain.cross_group_certificate' : 'creditbank.explain.own_group_certificate',
      params: { credits: levelCredits, already },
    };
  } else {
    full = rules.competitionCredits[outcome.level][outcome.prize];
    explanation = { messageKey: 'creditbank.explain.competition', params: { credits: full } };
  }
  if (full > 0 && remaining <= 0) return refusal('cap_reached', 'creditbank.refused.cap_reached', { cap });
  const credits = Math.min(full, Math.max(0, remaining));
  const category: LedgerCategory = outcome.kind === 'certificate' ? 'certificate' : 'competition';
  return { ok: true, category, credits, exemptedCourseId: null, cappedFrom: credits < full ? full : null, crossGroup, explanation };
}

const refusal = (reason: string, messageKey: MessageKey, params: MessageParams = {}): Conversion => ({
  ok: false,
  reason,
  messageKey,
  params,
});

// ---------------------------------------------------------------------------------------------
// The claim workflow: submitted → verified → granted → (reversed); submitted/verified → rejected.

export type ClaimStatus = 'submitted' | 'verified' | 'granted' | 'rejected' | 'reversed';
export type ClaimAction = 'verify' | 'grant' | 'reject' | 'reverse';

const transitions: Record<ClaimAction, { from: ClaimStatus[]; to: ClaimStatus }> = {
  verify: { from: ['submitted'], to: 'verified' },
  grant: { from: ['verified'], to: 'granted' },
  reject: { from: ['submitted', 'verified'], to: 'rejected' },
  reverse: { from: ['granted'], to: 'reversed' },
};

export interface ClaimActors {
  submittedBy: number | null;
  verifiedBy: number | null;
}

export interface ReviewPolicy {
  /** 四眼原则: whoever verified a claim may not grant it (per institution, on by default). */
  fourEyes: boolean;
}

/** Claim statuses and review actions as a refusal names them (the UI's words). */
export const claimStatusWords: Record<ClaimStatus, LocalizedText> = {
  submitted: { 'zh-CN': '已提交', en: 'submitted' },
  verified: { 'zh-CN': '已核验', en: 'verified' },
  granted: { 'zh-CN': '已认定', en: 'granted' },
  rejected: { 'zh-CN': '已退回', en: 'rejected' },
  reversed: { 'zh-CN': '已撤销', en: 'reversed' },
};
const claimActionWords: Record<ClaimAction, LocalizedText> = {
  verify: { 'zh-CN': '核验', en: 'verified' },
  grant: { 'zh-CN': '认定', en: 'granted' },
  reject: { 'zh-CN': '退回', en: 'rejected' },
  reverse: { 'zh-CN': '撤销认定', en: 'reversed' },
};

export type TransitionCheck =
  { ok: true; to: ClaimStatus; repeated: boolean } | { ok: false; messageKey: MessageKey; params: MessageParams };

/**
 * Whether `actor` may take `action` on a claim in `status`. Repeating the step a claim already
 * went through (a second click, a retry, a second reviewer at the same moment) is "repeated":
 * answered as done, with no second effect. Nobody verifies or grants a claim they submitted; with
 * four eyes, nobody grants a claim they verified.
 */
export function checkTransition(
  action: ClaimAction,
  status: ClaimStatus,
  actor: number,
  actors: ClaimActors,
  policy: ReviewPolicy = { fourEyes: true },
): TransitionCheck {
  const rule = transitions[action];
  if (status === rule.to) return { ok: true, to: rule.to, repeated: true };
  if (!rule.from.includes(status))
    return {
      ok: false,
      messageKey: 'creditbank.claim.bad_transition',
      params: { action: claimActionWords[action], status: claimStatusWords[status] },
    };
  if ((action === 'verify' || action === 'grant') && actors.submittedBy === actor)
    return { ok: false, messageKey: 'creditbank.claim.own_claim', params: {} };
  if (action === 'grant' && policy.fourEyes && actors.verifiedBy === actor)
    return { ok: false, messageKey: 'creditbank.claim.four_eyes', params: {} };
  return { ok: true, to: rule.to, repeated: false };
}
