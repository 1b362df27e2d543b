import type { IndicatorDefinition } from '../platform/indicators/registry.ts';

/**
 * Rows of 表 1 (000_*.txt) whose data belongs to modules not built yet (labs, teachers). They are
 * registered so that targets and bands can be set and reports list them, but cannot be computed; each
 * moves into its module's manifest, with its computation, when that module arrives.
 */
export const plannedIndicators: IndicatorDefinition[] = [
  {
    key: 'labs.major_coverage_ratio',
    module: 'labs',
    dimension: '实训基地融通',
    name: { 'zh-CN': '辐射集群内专业数量占比', en: 'Share of the cluster’s majors served by shared training bases' },
    unit: 'ratio',
    unitTypes: ['cluster', 'group'],
    defaultTarget: 0.7,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '人才培养方案', en: 'Training programmes' },
    definition: {
      'zh-CN': '培养方案使用了共享实训基地的专业数 ÷ 集群内专业总数',
      en: 'Majors whose programme uses a shared training base ÷ all majors of the cluster',
    },
  },
  {
    key: 'labs.transfer_outputs',
    module: 'labs',
    dimension: '实训基地融通',
    name: { 'zh-CN': '教学资源转化、科技成果转化数量', en: 'Teaching-resource and research-result transfers' },
    unit: 'items',
    unitTypes: ['cluster'],
    defaultTarget: 15,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '校企认定', en: 'Recognised jointly by school and enterprise' },
    definition: {
      'zh-CN': '本年度经校企认定的教学资源转化与科技成果转化项目数',
      en: 'Teaching-resource and research transfers recognised by school and enterprise in the year',
    },
  },
  {
    key: 'teachers.four_ability_pass_rate',
    module: 'teachers',
    dimension: '四能型教师流通',
    name: {
      'zh-CN': '教师“四能”达标率（教学/实训/研发/培训）',
      en: 'Four-ability pass rate of teachers (teaching / practice / R&D / training)',
    },
    unit: 'ratio',
    unitTypes: ['cluster', 'group'],
    defaultTarget: 0.75,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '教师能力评估报告', en: 'Teacher ability assessment reports' },
    definition: {
      'zh-CN': '四项能力评估均达标的专任教师数 ÷ 参评专任教师数',
      en: 'Full-time teachers meeting all four abilities ÷ full-time teachers assessed',
    },
  },
  {
    key: 'teachers.cross_group_teaching_ratio',
    module: 'teachers',
    dimension: '四能型教师流通',
    name: { 'zh-CN': '跨群授课教师和课时比例', en: 'Share of teachers and hours taught across groups' },
    unit: 'ratio',
    unitTypes: ['cluster', 'group'],
    defaultTarget: 0.3,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '教务管理系统', en: 'Academic affairs system' },
    definition: {
      'zh-CN': '在本群以外专业群授课的教师数 ÷ 教师总数，与跨群课时 ÷ 总课时，两者取较小值',
      en: 'The smaller of: teachers teaching in another group ÷ all teachers, and cross-group hours ÷ all hours',
    },
  },
];
