/**
 * The courses module's part of 表 1 (课程体系贯通). Both ratios are computed from the programmes of
 * the period's intake (period 2025-2026 → cohort 2025) that 教务 has approved or published:
 * a major has one such programme; a group or the cluster sums numerators and denominators over
 * the programmes of its majors (a credit-weighted ratio, not a mean of ratios).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import type { ComputeIndicator, IndicatorDefinition, IndicatorUnit } from '../../platform/indicators/registry.ts';
import { creditRulesOf } from './pool-service.ts';
import { programmeItems, ruleInput } from './programme-service.ts';
import { programmeMetrics } from './rules.ts';
import { programmes } from './schema.ts';

function cohortOfPeriod(period: string): number {
  const year = Number(period.slice(0, 4));
  if (!Number.isInteger(year)) throw new Error(`Bad period ${period}`);
  return year;
}

async function programmesOfUnit(db: Db, unit: IndicatorUnit, cohortYear: number) {
  const column = unit.type === 'major' ? programmes.majorId : unit.type === 'group' ? programmes.groupId : programmes.clusterId;
  return db
    .select()
    .from(programmes)
    .where(and(eq(column, unit.id), eq(programmes.cohortYear, cohortYear), inArray(programmes.status, ['approved', 'published'])));
}

function ratioIndicator(
  numerator: 'sharedCredits' | 'crossGroupExtensionCredits',
  denominator: 'totalCredits' | 'extensionPartCredits',
): ComputeIndicator {
  return async (db, unit, period) => {
    const cohortYear = cohortOfPeriod(period);
    const rows = await programmesOfUnit(db, unit, cohortYear);
    let top = 0;
    let bottom = 0;
    const perProgramme: Array<{ programmeId: number; majorId: number; numerator: number; denominator: number }> = [];
    for (const programme of rows) {
      const rules = await creditRulesOf(db, programme.clusterId);
      const metrics = programmeMetrics(ruleInput(programme, await programmeItems(db, programme.id)), rules.termCount);
      top += metrics[numerator];
      bottom += metrics[denominator];
      perProgramme.push({
        programmeId: programme.id,
        majorId: programme.majorId,
        numerator: metrics[numerator],
        denominator: metrics[denominator],
      });
    }
    return {
      value: bottom === 0 ? 0 : top / bottom,
      inputs: { cohortYear, programmes: perProgramme, numerator: Math.round(top * 10) / 10, denominator: Math.round(bottom * 10) / 10 },
    };
  };
}

export const courseIndicators: IndicatorDefinition[] = [
  {
    key: 'courses.shared_foundation_ratio',
    module: 'courses',
    dimension: '课程体系贯通',
    name: { 'zh-CN': '跨群共享通识、基础能力课程占比', en: 'Share of cross-group shared general and foundation courses' },
    unit: 'ratio',
    unitTypes: ['cluster', 'group', 'major'],
    defaultTarget: 1 / 3,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '教务管理系统', en: 'Academic affairs system' },
    definition: {
      'zh-CN':
        '培养方案中底层共享课程（通识 + 专业群基础，集群统一开设、各专业群共用）的必修学分 ÷ 方案总学分（必修学分 + 须修选修学分）。按期间对应年级（如 2025-2026 → 2025 级）已审核或已发布的方案计算；专业群与集群为各专业方案分子、分母分别求和后相除。',
      en: 'Required credits of shared-platform courses (general + group foundation, offered by the cluster for every group) ÷ the programme’s total credits (required + elective credits to earn). From the approved or published programmes of the period’s intake (2025-2026 → cohort 2025); groups and the cluster sum numerators and denominators over their majors’ programmes.',
    },
    compute: ratioIndicator('sharedCredits', 'totalCredits'),
  },
  {
    key: 'courses.shared_extension_ratio',
    module: 'courses',
    dimension: '课程体系贯通',
    name: { 'zh-CN': '跨群共享拓展课程占比', en: 'Share of cross-group shared extension courses' },
    unit: 'ratio',
    unitTypes: ['cluster', 'group', 'major'],
    defaultTarget: 1 / 4,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '教务管理系统', en: 'Academic affairs system' },
    definition: {
      'zh-CN':
        '培养方案拓展部分中由其他专业群开设的高层互选课程学分 ÷ 拓展部分总学分。拓展部分 = 高层互选层或拓展模块的必修课程学分 + 须修的选修学分；跨群学分 = 其他专业群开设的高层互选必修学分 + 须修选修学分中可由其他专业群课程修满的部分。期间与汇总方式同上。',
      en: 'Credits of other groups’ extension courses ÷ credits of the programme’s extension part. Extension part = required credits of the extension layer or the extension module + elective credits to earn; cross-group credits = required extension credits of other groups + the elective credits that other groups’ options can fill. Period and aggregation as above.',
    },
    compute: ratioIndicator('crossGroupExtensionCredits', 'extensionPartCredits'),
  },
];
