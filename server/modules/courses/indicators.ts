/**
 * The courses module's part of 表 1 (课程体系贯通). Both ratios are computed from the programmes of
 * the period's intake (period 2025-2026 → cohort 2025) that 教务 has approved or published:
 * a major has one such programme; a group or the cluster sums numerators and denominators over
 * the programmes of its majors (a credit-weighted ratio, not a mean of ratios).
 *
 * 跨群共享通识、基础能力课程占比 divides by the programme's total credits. 000_*.txt names the row
 * and its target (1/3 以上) but not the denominator. Over the general and foundation credits it
 * would be meaningless here: the shared layer (底层共享) is by definition the cluster's general and
 * foundation courses (整合通识课程与专业群基础课程, 8 courses / 50 credits), so shared ÷ itself is 100%.
 * Over the total, the seed's own design gives 50 of a 3-year programme's ~150 credits = 1/3, the
 * target; and 占比 in programme standards (公共基础课程学时占总学时…) is a share of the whole.
 * 跨群共享拓展课程占比 is different: its numerator is a choice inside the extension part (other
 * groups' courses among the 16 extension credits), so it divides by that part; over the total its
 * 1/4 could not be reached (16 / 148 ≈ 11 %).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import type { ComputeIndicator, IndicatorDefinition, IndicatorUnit } from '../../platform/indicators/registry.ts';
import { rulesOfProgramme } from './credit-rules-service.ts';
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
      const { rules } = await rulesOfProgramme(db, programme);
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
    name: {
      'zh-CN': '跨群共享通识、基础能力课程占比',
      en: 'Share of programme credits in cross-group shared general and foundation courses',
    },
    unit: 'ratio',
    unitTypes: ['cluster', 'group', 'major'],
    defaultTarget: 1 / 3,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '教务管理系统', en: 'Academic affairs system' },
    definition: {
      'zh-CN':
        '培养方案中底层共享课程（通识 + 专业群基础，集群统一开设、各专业群共用）的必修学分 ÷ 方案总学分（必修学分 + 须修选修学分）。分母是方案总学分，不是通识、基础课程的学分：底层共享层本身就是集群的通识与基础课程，以它为分母恒为 100%；种子方案的共享平台 50 学分约占 150 学分方案的 1/3，正是目标值。按期间对应年级（如 2025-2026 → 2025 级）已审核或已发布的方案计算；专业群与集群为各专业方案分子、分母分别求和后相除。',
      en: 'Required credits of shared-platform courses (general + group foundation, offered by the cluster for every group) ÷ the programme’s total credits (required + elective credits to earn). The denominator is the programme’s total credits, not the general and foundation credits: the shared layer is the cluster’s general and foundation courses, so over itself it would always be 100%; the seed’s 50-credit shared platform is about 1/3 of a 150-credit programme, which is the target. From the approved or published programmes of the period’s intake (2025-2026 → cohort 2025); groups and the cluster sum numerators and denominators over their majors’ programmes.',
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
