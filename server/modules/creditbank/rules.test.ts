import { describe, expect, it } from 'vitest';
import {
  certificateLevels,
  checkConversionRules,
  type CertificateLevel,
  checkTransition,
  claimHoldingLevel,
  placeHoldingStatuses,
  conversionCap,
  convertOutcome,
  convertedCredits,
  defaultConversionRules,
  matchResult,
  normalizeCertificateNo,
  normalizePersonName,
  outcomeIdentity,
  parseIssueDate,
  ruleSetFor,
  type ClaimAction,
  type ClaimStatus,
  type ConversionInput,
  type ConversionRules,
  type PriorGrant,
} from './rules.ts';

const ownGroup = 1;
const otherGroup = 2;
const rules = defaultConversionRules;

function certificate(
  level: CertificateLevel,
  options: Partial<ConversionInput> & { owner?: number | null; certificateId?: number } = {},
): ConversionInput {
  return {
    rules: options.rules ?? rules,
    outcome: {
      kind: 'certificate',
      certificateId: options.certificateId ?? 10,
      ownerGroupId: options.owner === undefined ? otherGroup : options.owner,
      level,
    },
    use: options.use ?? 'credit',
    studentGroupId: ownGroup,
    exemption: options.exemption ?? null,
    programmeGraduationCredits: options.programmeGraduationCredits === undefined ? 148 : options.programmeGraduationCredits,
    prior: options.prior ?? [],
  };
}

describe('default conversion rules (seeds: cross-group 初级 2 / 中级 4 / 高级 6)', () => {
  it("pins the seeds' numbers and passes its own check", () => {
    expect(defaultConversionRules.crossGroupCertificateCredits.junior).toBe(2);
    expect(defaultConversionRules.crossGroupCertificateCredits.intermediate).toBe(4);
    expect(defaultConversionRules.crossGroupCertificateCredits.senior).toBe(6);
    expect(checkConversionRules(defaultConversionRules)).toEqual([]);
  });

  it('refuses credits that are negative, over 20, not in half credits, or fall as the level rises', () => {
    const broken: ConversionRules = structuredClone(defaultConversionRules);
    broken.crossGroupCertificateCredits.junior = -1;
    broken.crossGroupCertificateCredits.senior = 3; // below intermediate 4
    broken.competitionCredits.national.first = 21;
    broken.competitionCredits.school.third = 0.3;
    const fields = checkConversionRules(broken).map((problem) => `${problem.field}:${problem.messageKey}`);
    expect(fields).toContain('crossGroupCertificateCredits.junior:creditbank.rules.bad_credits');
    expect(fields).toContain('crossGroupCertificateCredits.senior:creditbank.rules.level_order');
    expect(fields).toContain('competitionCredits.national.first:creditbank.rules.bad_credits');
    expect(fields).toContain('competitionCredits.school.third:creditbank.rules.bad_credits');
  });

  it('refuses caps that are zero, too large or a share outside (0, 1]', () => {
    for (const [cap, share, expected] of [
      [0, 0.2, 'maxConvertedCreditsPerStudent'],
      [81, 0.2, 'maxConvertedCreditsPerStudent'],
      [24, 0, 'maxConvertedShareOfProgramme'],
      [24, 1.5, 'maxConvertedShareOfProgramme'],
    ] as const) {
      const problems = checkConversionRules({
        ...defaultConversionRules,
        maxConvertedCreditsPerStudent: cap,
        maxConvertedShareOfProgramme: share,
      });
      expect(problems.map((problem) => problem.field)).toEqual([expected]);
    }
  });
});

describe('ruleSetFor: the approved version valid on a date', () => {
  const sets = [
    { id: 1, status: 'approved', versionNo: 1, validFrom: '2024-09-01', validTo: '2025-08-31' },
    { id: 2, status: 'approved', versionNo: 2, validFrom: '2025-09-01', validTo: null },
    { id: 3, status: 'draft', versionNo: 3, validFrom: '2025-09-01', validTo: null },
    { id: 4, status: 'retired', versionNo: 4, validFrom: '2020-01-01', validTo: null },
  ];
  it('picks by validity, ignores drafts and retired versions, and has nothing before the first', () => {
    expect(ruleSetFor(sets, '2025-03-01')?.id).toBe(1);
    expect(ruleSetFor(sets, '2025-08-31')?.id).toBe(1);
    expect(ruleSetFor(sets, '2025-09-01')?.id).toBe(2);
    expect(ruleSetFor(sets, '2030-01-01')?.id).toBe(2);
    expect(ruleSetFor(sets, '2023-01-01')).toBeNull();
  });
  it('prefers the newest version when two approved ones overlap', () => {
    const overlapping = [...sets, { id: 5, status: 'approved', versionNo: 5, validFrom: '2026-01-01', validTo: null }];
    expect(ruleSetFor(overlapping, '2026-02-01')?.id).toBe(5);
    expect(ruleSetFor(overlapping, '2025-12-31')?.id).toBe(2);
  });
});

describe('outcome identity: one real-world outcome, one key', () => {
  it('normalises certificate numbers (spaces, dashes, case, full-width)', () => {
    expect(normalizeCertificateNo('tj-2024 0001')).toBe('TJ20240001');
    expect(normalizeCertificateNo('ＴＪ２０２４０００１')).toBe('TJ20240001');
    expect(outcomeIdentity({ kind: 'certificate', certificateId: 3, certificateNo: 'tj-2024 0001' })).toBe(
      outcomeIdentity({ kind: 'certificate', certificateId: 3, certificateNo: 'TJ20240001' }),
    );
  });
  it('keeps different certificates, students and courses apart', () => {
    const keys = [
      outcomeIdentity({ kind: 'certificate', certificateId: 3, certificateNo: 'A1' }),
      outcomeIdentity({ kind: 'certificate', certificateId: 4, certificateNo: 'A1' }),
      outcomeIdentity({ kind: 'competition', competitionId: 3, studentId: 1 }),
      outcomeIdentity({ kind: 'competition', competitionId: 3, studentId: 2 }),
      outcomeIdentity({ kind: 'course_credit', earnedCreditId: 3 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('convertOutcome: certificates', () => {
  it("gives a cross-group certificate its level's credits: 2 / 4 / 6 (and 8 / 10 for the technician levels)", () => {
    const expected = { junior: 2, intermediate: 4, senior: 6, technician_prep: 8, technician: 10 };
    for (const level of certificateLevels) {
      const result = convertOutcome(certificate(level));
      expect(result).toMatchObject({ ok: true, category: 'certificate', credits: expected[level], crossGroup: true, cappedFrom: null });
    }
  });

  it('gives an own-group or cluster-wide certificate the own-group table (none by default: it exempts mapped courses instead)', () => {
    expect(convertOutcome(certificate('senior', { owner: ownGroup }))).toMatchObject({
      ok: true,
      credits: 0,
      crossGroup: false,
      explanation: { messageKey: 'creditbank.explain.own_group_certificate' },
    });
    expect(convertOutcome(certificate('senior', { owner: null }))).toMatchObject({ ok: true, credits: 0, crossGroup: false });
    const generous = { ...rules, ownGroupCertificateCredits: { junior: 1, intermediate: 2, senior: 3, technician_prep: 4, technician: 5 } };
    expect(convertOutcome(certificate('senior', { owner: ownGroup, rules: generous }))).toMatchObject({ ok: true, credits: 3 });
  });

  it('counts a certificate once, at its highest level: a higher level tops up, the same or a lower level is refused', () => {
    const junior: PriorGrant = { kind: 'certificate', category: 'certificate', credits: 2, certificateId: 10, level: 'junior' };
    expect(convertOutcome(certificate('intermediate', { prior: [junior] }))).toMatchObject({ ok: true, credits: 2 });
    const both: PriorGrant[] = [
      junior,
      { kind: 'certificate', category: 'certificate', credits: 2, certificateId: 10, level: 'intermediate' },
    ];
    expect(convertOutcome(certificate('senior', { prior: both }))).toMatchObject({ ok: true, credits: 2 });
    expect(convertOutcome(certificate('junior', { prior: [junior] }))).toMatchObject({ ok: false, reason: 'superseded' });
    expect(convertOutcome(certificate('junior', { prior: both }))).toMatchObject({ ok: false, reason: 'superseded' });
    // Another certificate is not affected.
    expect(convertOutcome(certificate('junior', { prior: [junior], certificateId: 11 }))).toMatchObject({ ok: true, credits: 2 });
  });

  it('stops at the cap: the smaller of the per-student cap and the programme share, in half credits', () => {
    expect(conversionCap(rules, 148)).toBe(24); // 148 × 0.2 = 29.6 → the per-student 24 is smaller
    expect(conversionCap(rules, 100)).toBe(20);
    expect(conversionCap(rules, 123)).toBe(24);
    expect(conversionCap({ ...rules, maxConvertedShareOfProgramme: 0.1 }, 123)).toBe(12); // 12.3 → 12
    expect(conversionCap({ ...rules, maxConvertedShareOfProgramme: 0.1 }, 125)).toBe(12.5);
    expect(conversionCap(rules, null)).toBe(24);
    const used: PriorGrant[] = [{ kind: 'competition', category: 'competition', credits: 20, certificateId: null }];
    expect(convertOutcome(certificate('senior', { prior: used }))).toMatchObject({ ok: true, credits: 4, cappedFrom: 6 });
    const full: PriorGrant[] = [{ kind: 'competition', category: 'competition', credits: 24 }];
    expect(convertOutcome(certificate('junior', { prior: full }))).toMatchObject({ ok: false, reason: 'cap_reached', params: { cap: 24 } });
  });

  it('does not count earned course credits against the conversion cap', () => {
    const courses: PriorGrant[] = [{ kind: 'course_credit', category: 'course', credits: 100 }];
    expect(convertedCredits(courses)).toBe(0);
    expect(convertOutcome(certificate('senior', { prior: courses }))).toMatchObject({ ok: true, credits: 6 });
  });
});

describe('convertOutcome: exemptions (免修) instead of credits', () => {
  const mapped = { courseId: 77, courseCredits: 3, mappedAtLevel: true, alreadyPassed: false };
  it('exempts a mapped course for its credits, and only once', () => {
    expect(convertOutcome(certificate('intermediate', { use: 'exemption', exemption: mapped }))).toMatchObject({
      ok: true,
      category: 'exemption',
      credits: 3,
      exemptedCourseId: 77,
    });
    const prior: PriorGrant[] = [{ kind: 'certificate', category: 'exemption', credits: 3, certificateId: 12, exemptedCourseId: 77 }];
    expect(convertOutcome(certificate('intermediate', { use: 'exemption', exemption: mapped, prior }))).toMatchObject({
      ok: false,
      reason: 'course_already_exempted',
    });
  });
  it('refuses an unmapped course, a passed course, a disabled rule, a competition, and one that would pass the cap', () => {
    expect(convertOutcome(certificate('junior', { use: 'exemption', exemption: { ...mapped, mappedAtLevel: false } }))).toMatchObject({
      ok: false,
      reason: 'not_mapped',
    });
    expect(convertOutcome(certificate('junior', { use: 'exemption', exemption: null }))).toMatchObject({ ok: false, reason: 'not_mapped' });
    expect(convertOutcome(certificate('junior', { use: 'exemption', exemption: { ...mapped, alreadyPassed: true } }))).toMatchObject({
      ok: false,
      reason: 'course_already_passed',
    });
    expect(
      convertOutcome(certificate('junior', { use: 'exemption', exemption: mapped, rules: { ...rules, allowExemption: false } })),
    ).toMatchObject({ ok: false, reason: 'exemption_disabled' });
    const competition: ConversionInput = {
      ...certificate('junior'),
      outcome: { kind: 'competition', level: 'national', prize: 'first' },
      use: 'exemption',
      exemption: mapped,
    };
    expect(convertOutcome(competition)).toMatchObject({ ok: false, reason: 'exemption_needs_certificate' });
    const nearlyFull: PriorGrant[] = [{ kind: 'competition', category: 'competition', credits: 22 }];
    expect(convertOutcome(certificate('junior', { use: 'exemption', exemption: mapped, prior: nearlyFull }))).toMatchObject({
      ok: false,
      reason: 'cap_reached',
      params: { cap: 24, used: 22, credits: 3 },
    });
  });
});

describe('convertOutcome: competitions and course credits', () => {
  it('gives a competition award its level × prize credits', () => {
    const award = (
      level: 'national' | 'provincial' | 'municipal' | 'school',
      prize: 'first' | 'second' | 'third' | 'excellence',
    ): ConversionInput => ({ ...certificate('junior'), outcome: { kind: 'competition', level, prize } });
    expect(convertOutcome(award('national', 'first'))).toMatchObject({ ok: true, category: 'competition', credits: 8 });
    expect(convertOutcome(award('provincial', 'third'))).toMatchObject({ ok: true, credits: 3 });
    expect(convertOutcome(award('school', 'excellence'))).toMatchObject({ ok: true, credits: 0 });
  });
  it('passes earned course credits through, uncapped', () => {
    const course: ConversionInput = {
      ...certificate('junior'),
      outcome: { kind: 'course_credit', credits: 3.5 },
      prior: [{ kind: 'competition', category: 'competition', credits: 24 }],
    };
    expect(convertOutcome(course)).toMatchObject({ ok: true, category: 'course', credits: 3.5 });
  });
});

describe('checkTransition: submitted → verified → granted → reversed; rejected', () => {
  const submitter = 1;
  const reviewer = 2;
  const actors = { submittedBy: submitter, verifiedBy: null };
  const table: Array<[ClaimAction, ClaimStatus, 'ok' | 'repeated' | 'refused']> = [
    ['verify', 'submitted', 'ok'],
    ['verify', 'verified', 'repeated'],
    ['verify', 'granted', 'refused'],
    ['verify', 'rejected', 'refused'],
    ['verify', 'reversed', 'refused'],
    ['grant', 'submitted', 'refused'],
    ['grant', 'verified', 'ok'],
    ['grant', 'granted', 'repeated'],
    ['grant', 'rejected', 'refused'],
    ['grant', 'reversed', 'refused'],
    ['reject', 'submitted', 'ok'],
    ['reject', 'verified', 'ok'],
    ['reject', 'granted', 'refused'],
    ['reject', 'rejected', 'repeated'],
    ['reject', 'reversed', 'refused'],
    ['reverse', 'submitted', 'refused'],
    ['reverse', 'verified', 'refused'],
    ['reverse', 'granted', 'ok'],
    ['reverse', 'rejected', 'refused'],
    ['reverse', 'reversed', 'repeated'],
  ];
  it.each(table)('%s on a %s claim: %s', (action, status, expected) => {
    const result = checkTransition(action, status, reviewer, actors);
    if (expected === 'refused') expect(result).toMatchObject({ ok: false, messageKey: 'creditbank.claim.bad_transition' });
    else expect(result).toMatchObject({ ok: true, repeated: expected === 'repeated' });
  });
  it('lets nobody verify or grant their own claim; rejecting or reversing it is allowed', () => {
    expect(checkTransition('verify', 'submitted', submitter, actors)).toMatchObject({
      ok: false,
      messageKey: 'creditbank.claim.own_claim',
    });
    expect(checkTransition('grant', 'verified', submitter, actors)).toMatchObject({ ok: false, messageKey: 'creditbank.claim.own_claim' });
    expect(checkTransition('reject', 'submitted', submitter, actors)).toMatchObject({ ok: true });
    expect(checkTransition('reverse', 'granted', submitter, actors)).toMatchObject({ ok: true });
  });
  it('four eyes: whoever verified may not grant, unless the institution turned it off; a repeated grant stays answered as done', () => {
    const verified = { submittedBy: submitter, verifiedBy: reviewer };
    expect(checkTransition('grant', 'verified', reviewer, verified)).toMatchObject({ ok: false, messageKey: 'creditbank.claim.four_eyes' });
    expect(checkTransition('grant', 'verified', reviewer, verified, { fourEyes: true })).toMatchObject({ ok: false });
    expect(checkTransition('grant', 'verified', reviewer, verified, { fourEyes: false })).toMatchObject({ ok: true, repeated: false });
    expect(checkTransition('grant', 'verified', 3, verified, { fourEyes: true })).toMatchObject({ ok: true });
    expect(checkTransition('grant', 'granted', reviewer, verified, { fourEyes: true })).toMatchObject({ ok: true, repeated: true });
    // The verifier may still turn the claim down.
    expect(checkTransition('reject', 'verified', reviewer, verified, { fourEyes: true })).toMatchObject({ ok: true });
  });
});

describe('one certificate at one level: which claim holds the place', () => {
  const claim = (id: number, certificateId: number, level: CertificateLevel, status: ClaimStatus) => ({
    id,
    kind: 'certificate',
    certificateId,
    level,
    status,
  });
  it('a live or granted claim of the same certificate and level, whatever its number; the granted one first', () => {
    const claims = [
      claim(1, 7, 'junior', 'rejected'),
      claim(2, 7, 'junior', 'submitted'),
      claim(3, 7, 'intermediate', 'granted'),
      claim(4, 8, 'junior', 'granted'),
    ];
    expect(claimHoldingLevel(claims, 7, 'junior')?.id).toBe(2);
    expect(claimHoldingLevel(claims, 7, 'intermediate')?.id).toBe(3);
    expect(claimHoldingLevel(claims, 7, 'senior')).toBeNull();
    expect(claimHoldingLevel([...claims, claim(5, 7, 'junior', 'granted')], 7, 'junior')?.id).toBe(5);
  });
  it('rejected and reversed claims free the place; other kinds never hold it', () => {
    expect(claimHoldingLevel([claim(1, 7, 'junior', 'rejected'), claim(2, 7, 'junior', 'reversed')], 7, 'junior')).toBeNull();
    expect(claimHoldingLevel([{ ...claim(1, 7, 'junior', 'granted'), kind: 'competition' }], 7, 'junior')).toBeNull();
    expect([...placeHoldingStatuses]).toEqual(['submitted', 'verified', 'granted']);
  });
});

describe("matching the issuing body's results on ID number and name", () => {
  it('normalises names: spaces, full-width forms and middle-dot variants compare equal; other names do not', () => {
    expect(normalizePersonName(' 王 海涛 ')).toBe('王海涛');
    expect(normalizePersonName('阿依古丽•买买提')).toBe(normalizePersonName('阿依古丽·买买提'));
    expect(normalizePersonName('阿依古丽・买买提')).toBe(normalizePersonName('阿依古丽·买买提'));
    expect(normalizePersonName('王海涛')).not.toBe(normalizePersonName('王海滔'));
  });

  it('matches exactly one student with the ID number and the name; anything else goes to a person', () => {
    expect(matchResult('王海涛', [{ id: 7, name: '王海涛' }])).toEqual({ matched: true, studentId: 7 });
    expect(matchResult('王海涛 ', [{ id: 7, name: '王 海涛' }])).toEqual({ matched: true, studentId: 7 });
    expect(matchResult('王海滔', [{ id: 7, name: '王海涛' }])).toEqual({ matched: false, reason: 'name_mismatch', candidateStudentId: 7 });
    expect(matchResult('王海涛', [])).toEqual({ matched: false, reason: 'id_not_found', candidateStudentId: null });
    expect(
      matchResult('王海涛', [
        { id: 7, name: '王海涛' },
        { id: 8, name: '王海涛' },
      ]),
    ).toEqual({ matched: false, reason: 'ambiguous', candidateStudentId: null });
  });

  it('reads issue dates as issuing bodies write them and refuses dates that do not exist', () => {
    expect(parseIssueDate('2026-06-30')).toBe('2026-06-30');
    expect(parseIssueDate('2026/6/3')).toBe('2026-06-03');
    expect(parseIssueDate('2026.6.30')).toBe('2026-06-30');
    expect(parseIssueDate('2026年6月30日')).toBe('2026-06-30');
    expect(parseIssueDate('２０２６－０６－３０')).toBe('2026-06-30');
    expect(parseIssueDate('2026-02-30')).toBeNull();
    expect(parseIssueDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIssueDate('2023-02-29')).toBeNull();
    expect(parseIssueDate('30/06/2026')).toBeNull();
    expect(parseIssueDate('明年')).toBeNull();
  });
});
