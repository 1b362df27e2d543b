import type { IndicatorDefinition } from './registry.ts';

/**
 * 表 1 教育逻辑“四通”过程评价 of 000_*.txt: the first indicator set. Targets and sources are the
 * seeds'; each row's computation is attached by the module that owns its data.
 */
export const table1Indicators: IndicatorDefinition[] = [
  {
    key: 'courses.shared_foundation_ratio', module: 'courses', dimension: '课程体系贯通',
    name: { 'zh-CN': '跨群共享通识、基础能力课程占比', en: 'Share of cross-group shared general and foundation courses' },
    unit: 'ratio', unitTypes: ['cluster', 'group', 'major'], defaultTarget: 1 / 3, comparison: '>=',
    monitoringSource: { 'zh-CN': '教务管理系统', en: 'Academic affairs system' },
    definition: { 'zh-CN': '培养方案中属于底层共享（通识+专业群基础）且被集群内其他专业群共用的课程学分 ÷ 通识与基础能力课程总学分', en: 'Credits of bottom-layer shared courses used by other groups of the cluster ÷ all general and foundation credits in the programme' },
  },
  {
    key: 'courses.shared_extension_ratio', module: 'courses', dimension: '课程体系贯通',
    name: { 'zh-CN': '跨群共享拓展课程占比', en: 'Share of cross-group shared extension courses' },
    unit: 'ratio', unitTypes: ['cluster', 'group', 'major'], defaultTarget: 1 / 4, comparison: '>=',
    monitoringSource: { 'zh-CN': '教务管理系统', en: 'Academic affairs system' },
    definition: { 'zh-CN': '拓展（高层互选）课程中由其他专业群开设的课程学分 ÷ 拓展课程总学分', en: 'Extension-layer credits from courses owned by other groups ÷ all extension-layer credits' },
  },
  {
    key: 'labs.major_coverage_ratio', module: 'labs', dimension: '实训基地融通',
    name: { 'zh-CN': '辐射集群内专业数量占比', en: 'Share of the cluster’s majors served by shared training bases' },
    unit: 'ratio', unitTypes: ['cluster', 'group'], defaultTarget: 0.7, comparison: '>=',
    monitoringSource: { 'zh-CN': '人才培养方案', en: 'Training programmes' },
    definition: { 'zh-CN': '培养方案使用了共享实训基地的专业数 ÷ 集群内专业总数', en: 'Majors whose programme uses a shared training base ÷ all majors of the cluster' },
  },
  {
    key: 'labs.transfer_outputs', module: 'labs', dimension: '实训基地融通',
    name: { 'zh-CN': '教学资源转化、科技成果转化数量', en: 'Teaching-resource and research-result transfers' },
    unit: 'items', unitTypes: ['cluster'], defaultTarget: 15, comparison: '>=',
    monitoringSource: { 'zh-CN': '校企认定', en: 'Recognised jointly by school and enterprise' },
    definition: { 'zh-CN': '本年度经校企认定的教学资源转化与科技成果转化项目数', en: 'Teaching-resource and research transfers recognised by school and enterprise in the year' },
  },
  {
    key: 'teachers.four_ability_pass_rate', module: 'teachers', dimension: '四能型教师流通',
    name: { 'zh-CN': '教师“四能”达标率（教学/实训/研发/培训）', en: 'Four-ability pass rate of teachers (teaching / practice / R&D / training)' },
    unit: 'ratio', unitTypes: ['cluster', 'group'], defaultTarget: 0.75, comparison: '>=',
    monitoringSource: { 'zh-CN': '教师能力评估报告', en: 'Teacher ability assessment reports' },
    definition: { 'zh-CN': '四项能力评估均达标的专任教师数 ÷ 参评专任教师数', en: 'Full-time teachers meeting all four abilities ÷ full-time teachers assessed' },
  },
  {
    key: 'teachers.cross_group_teaching_ratio', module: 'teachers', dimension: '四能型教师流通',
    name: { 'zh-CN': '跨群授课教师和课时比例', en: 'Share of teachers and hours taught across groups' },
    unit: 'ratio', unitTypes: ['cluster', 'group'], defaultTarget: 0.3, comparison: '>=',
    monitoringSource: { 'zh-CN': '教务管理系统', en: 'Academic affairs system' },
    definition: { 'zh-CN': '在本群以外专业群授课的教师数 ÷ 教师总数，与跨群课时 ÷ 总课时，两者取较小值', en: 'The smaller of: teachers teaching in another group ÷ all teachers, and cross-group hours ÷ all hours' },
  },
  {
    key: 'creditbank.cross_group_certificate_rate', module: 'creditbank', dimension: '证书互认互通',
    name: { 'zh-CN': '技能证书跨群取证率', en: 'Cross-group skill-certificate rate' },
    unit: 'ratio', unitTypes: ['cluster', 'group', 'major'], defaultTarget: 1 / 3, comparison: '>=',
    monitoringSource: { 'zh-CN': '职业资格证书', en: 'Vocational certificates' },
    definition: { 'zh-CN': '取得其他专业群职业技能等级证书的在校生数 ÷ 在校生数', en: 'Students holding a certificate of another group ÷ enrolled students' },
  },
  {
    key: 'creditbank.converted_credits', module: 'creditbank', dimension: '证书互认互通',
    name: { 'zh-CN': '证书学分置换学分数', en: 'Credits converted from certificates' },
    unit: 'credits', unitTypes: ['cluster'], defaultTarget: 120, comparison: '>=',
    monitoringSource: { 'zh-CN': '学分银行平台', en: 'Credit bank platform' },
    definition: { 'zh-CN': '本学年学分银行中由证书置换并已授予的学分合计', en: 'Credits granted in the credit bank from certificates during the academic year' },
  },
];
