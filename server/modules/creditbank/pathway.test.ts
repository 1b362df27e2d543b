import { describe, expect, it } from 'vitest';
import { certificateLevels, type CertificateLevel } from './rules.ts';
import {
  checkPathway,
  defaultPathway,
  evaluatePathway,
  requiredCredits,
  stageKeys,
  type PathwayFacts,
  type StageCriteria,
  type StageKey,
} from './pathway.ts';

const facts = (overrides: Partial<PathwayFacts> = {}): PathwayFacts => ({
  majorLevel: 'higher_vocational',
  status: 'enrolled',
  courseworkCredits: 0,
  programmeGraduationCredits: 150,
  highestCertificate: null,
  ...overrides,
});
const holding = (level: CertificateLevel) => ({ level, name: '电工' });

describe('the four stages from 003_*.txt', () => {
  it('a new 高职 student with no certificate stands at no stage; the first stage asks only for a junior certificate', () => {
    const result = evaluatePathway(defaultPathway, facts());
    expect(result.current).toBeNull();
    expect(result.next).toBe('junior_apprentice');
    expect(result.missing.map((criterion) => criterion.key)).toEqual(['certificate']);
    expect(result.missing[0]!.detail['zh-CN']).toBe('需取得初级及以上证书（目前最高：无）');
    expect(result.missing[0]!.detail.en).toBe('Needs a certificate at Junior or above (highest now: none)');
  });

  it('初级学徒 = 中职学历 + 初级工: a 中职 student needs to graduate as well', () => {
    expect(evaluatePathway(defaultPathway, facts({ highestCertificate: holding('junior') })).current).toBe('junior_apprentice');
    const secondary = evaluatePathway(defaultPathway, facts({ majorLevel: 'secondary_vocational', highestCertificate: holding('junior') }));
    expect(secondary.current).toBeNull();
    expect(secondary.missing.map((criterion) => criterion.key)).toEqual(['academic']);
    expect(
      evaluatePathway(
        defaultPathway,
        facts({ majorLevel: 'secondary_vocational', status: 'graduated', highestCertificate: holding('junior') }),
      ).current,
    ).toBe('junior_apprentice');
  });

  it("中级学徒 = a third of the programme's credits + 中级工, and says how many credits are missing", () => {
    const short = evaluatePathway(defaultPathway, facts({ courseworkCredits: 38, highestCertificate: holding('intermediate') }));
    expect(short.current).toBe('junior_apprentice');
    expect(short.next).toBe('intermediate_apprentice');
    expect(short.missing.map((criterion) => [criterion.key, criterion.detail['zh-CN']])).toEqual([
      ['academic', '还差 12 学分（已修 38，需 50）'],
    ]);
    expect(evaluatePathway(defaultPathway, facts({ courseworkCredits: 50, highestCertificate: holding('intermediate') })).current).toBe(
      'intermediate_apprentice',
    );
  });

  it('both criteria can be missing at once, and both are listed', () => {
    const result = evaluatePathway(defaultPathway, facts({ courseworkCredits: 60, highestCertificate: holding('intermediate') }));
    expect(result.current).toBe('intermediate_apprentice');
    expect(result.missing.map((criterion) => criterion.key)).toEqual(['academic', 'certificate']);
    expect(result.missing[1]!.detail['zh-CN']).toBe('需取得高级及以上证书（目前最高：中级）');
  });

  it('高级学徒 = two thirds + 高级工; 准工匠 = graduated (or all graduation credits) + 预备技师', () => {
    expect(evaluatePathway(defaultPathway, facts({ courseworkCredits: 100, highestCertificate: holding('senior') })).current).toBe(
      'senior_apprentice',
    );
    const almost = evaluatePathway(defaultPathway, facts({ courseworkCredits: 149, highestCertificate: holding('technician_prep') }));
    expect(almost.current).toBe('senior_apprentice');
    expect(almost.missing[0]!.detail['zh-CN']).toBe('尚未毕业（已修 149，毕业要求 150 学分）');
    expect(evaluatePathway(defaultPathway, facts({ courseworkCredits: 150, highestCertificate: holding('technician_prep') })).current).toBe(
      'craftsman_candidate',
    );
    const graduated = evaluatePathway(
      defaultPathway,
      facts({ status: 'graduated', courseworkCredits: 120, highestCertificate: holding('technician') }),
    );
    expect(graduated.current).toBe('craftsman_candidate');
    expect(graduated.next).toBeNull();
    expect(graduated.missing).toEqual([]);
  });

  it('stages are reached in order: a 预备技师 certificate without the coursework stops at the first stage', () => {
    const result = evaluatePathway(defaultPathway, facts({ courseworkCredits: 10, highestCertificate: holding('technician_prep') }));
    expect(result.current).toBe('junior_apprentice');
    expect(result.stages.map((stage) => stage.reached)).toEqual([true, false, false, false]);
    // The later stages' certificate criterion holds, but they are not reached before the one in between.
    expect(result.stages[2]!.criteria.find((criterion) => criterion.key === 'certificate')!.met).toBe(true);
  });

  it('without a published programme the fixed credits apply', () => {
    expect(requiredCredits({ kind: 'credit_share', share: 1 / 3, fallbackCredits: 48 }, null)).toBe(48);
    expect(requiredCredits({ kind: 'credit_share', share: 1 / 3, fallbackCredits: 48 }, 148)).toBe(49.5);
    const result = evaluatePathway(
      defaultPathway,
      facts({ programmeGraduationCredits: null, courseworkCredits: 47.5, highestCertificate: holding('intermediate') }),
    );
    expect(result.missing[0]!.detail['zh-CN']).toBe('还差 0.5 学分（已修 47.5，需 48）');
    const graduation = evaluatePathway(
      defaultPathway,
      facts({ programmeGraduationCredits: null, courseworkCredits: 500, highestCertificate: holding('technician_prep') }),
    );
    expect(graduation.current).toBe('senior_apprentice');
    expect(graduation.missing[0]!.detail['zh-CN']).toBe('尚未毕业');
  });

  it('every combination of certificate level and coursework gives the stage the table says', () => {
    const expected = (level: CertificateLevel | null, credits: number, graduated: boolean): StageKey | null => {
      const rank = level ? certificateLevels.indexOf(level) + 1 : 0;
      if (rank < 1) return null;
      if (rank < 2 || credits < 50) return 'junior_apprentice';
      if (rank < 3 || credits < 100) return 'intermediate_apprentice';
      if (rank < 4 || !(graduated || credits >= 150)) return 'senior_apprentice';
      return 'craftsman_candidate';
    };
    for (const level of [null, ...certificateLevels]) {
      for (const credits of [0, 49.5, 50, 99.5, 100, 149.5, 150]) {
        for (const graduated of [false, true]) {
          const result = evaluatePathway(
            defaultPathway,
            facts({
              highestCertificate: level ? holding(level) : null,
              courseworkCredits: credits,
              status: graduated ? 'graduated' : 'enrolled',
            }),
          );
          expect(result.current, `${level} ${credits} ${graduated}`).toBe(expected(level, credits, graduated));
          const index = result.current ? stageKeys.indexOf(result.current) : -1;
          expect(result.next).toBe(stageKeys[index + 1] ?? null);
          expect(result.missing.length > 0).toBe(result.next !== null);
        }
      }
    }
  });

  it('criteria are configurable: a cluster may ask 中级工 for the first stage', () => {
    const stricter: StageCriteria[] = defaultPathway.map((stage, index) =>
      index === 0 ? { ...stage, minCertificateLevel: 'intermediate' } : stage,
    );
    expect(evaluatePathway(stricter, facts({ highestCertificate: holding('junior') })).current).toBeNull();
    expect(evaluatePathway(stricter, facts({ highestCertificate: holding('intermediate') })).current).toBe('junior_apprentice');
  });
});

describe('checking a pathway configuration', () => {
  it('accepts the defaults', () => {
    expect(checkPathway(defaultPathway)).toEqual([]);
  });

  it('refuses missing or reordered stages', () => {
    expect(checkPathway(defaultPathway.slice(0, 3))[0]!.messageKey).toBe('creditbank.pathway.bad_order');
    expect(checkPathway([defaultPathway[1]!, defaultPathway[0]!, defaultPathway[2]!, defaultPathway[3]!])[0]!.messageKey).toBe(
      'creditbank.pathway.bad_order',
    );
  });

  it('refuses a certificate level or coursework that falls from one stage to the next', () => {
    const falling = defaultPathway.map((stage, index) => (index === 2 ? { ...stage, minCertificateLevel: 'junior' as const } : stage));
    expect(checkPathway(falling).map((problem) => problem.messageKey)).toEqual(['creditbank.pathway.level_falls']);
    const fewer = defaultPathway.map((stage, index) =>
      index === 2 ? { ...stage, academic: { kind: 'credit_share' as const, share: 0.2, fallbackCredits: 96 } } : stage,
    );
    expect(checkPathway(fewer).map((problem) => problem.messageKey)).toEqual(['creditbank.pathway.credits_fall']);
  });

  it('refuses shares outside (0, 1] and credits outside 0–300', () => {
    for (const academic of [
      { share: 0, fallbackCredits: 48 },
      { share: 1.5, fallbackCredits: 48 },
      { share: 0.3, fallbackCredits: -1 },
      { share: 0.3, fallbackCredits: 301 },
      { share: Number.NaN, fallbackCredits: 48 },
    ]) {
      const bad = defaultPathway.map((stage, index) =>
        index === 1 ? { ...stage, academic: { kind: 'credit_share' as const, ...academic } } : stage,
      );
      expect(checkPathway(bad).map((problem) => problem.messageKey)).toContain('creditbank.pathway.bad_credits');
    }
  });
});
