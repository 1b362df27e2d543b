import { defineMessages } from '../../platform/messages.ts';

/** Messages of the versioned credit-structure rules (学分结构规则版本), zh-CN first. */
export const creditRuleMessages = defineMessages({
  'audit.course.credit_rules.draft': { 'zh-CN': '起草学分结构规则', en: 'Draft credit-structure rules' },
  'audit.course.credit_rules.update': { 'zh-CN': '修改学分结构规则草稿', en: 'Change a credit-structure rules draft' },
  'audit.course.credit_rules.restore_defaults': {
    'zh-CN': '学分结构规则恢复默认值',
    en: 'Restore the default credit-structure rules',
  },
  'audit.course.credit_rules.submit': { 'zh-CN': '提交学分结构规则审批', en: 'Submit credit-structure rules for approval' },
  'audit.course.credit_rules.withdraw': { 'zh-CN': '撤回学分结构规则', en: 'Withdraw credit-structure rules' },
  'audit.course.credit_rules.approve': { 'zh-CN': '批准学分结构规则', en: 'Approve credit-structure rules' },
  'audit.course.credit_rules.reject': { 'zh-CN': '退回学分结构规则', en: 'Return credit-structure rules' },
  'audit.course.credit_rules.discard': { 'zh-CN': '放弃学分结构规则草稿', en: 'Discard a credit-structure rules draft' },
  'entity.credit_rule_version': { 'zh-CN': '学分结构规则版本', en: 'credit-structure rule version' },

  'creditRules.invalid': {
    'zh-CN': '学分结构规则有 {count} 处不合理：{first}',
    en: 'The credit-structure rules have {count:problem|problems}: {first}',
  },
  'creditRules.problem.whole_number': { 'zh-CN': '{field}为 {value}，应为整数', en: '{field} is {value}; it must be a whole number' },
  'creditRules.problem.range': {
    'zh-CN': '{field}为 {value}，应在 {min}–{max} 之间',
    en: '{field} is {value}; it must be between {min} and {max}',
  },
  'creditRules.problem.half_credits': {
    'zh-CN': '{field}为 {value}，学分以 0.5 为单位',
    en: '{field} is {value}; credits come in steps of 0.5',
  },
  'creditRules.problem.practice_share': {
    'zh-CN': '实践学时占比下限为 {value}%，应在 0%–{max}% 之间',
    en: 'The minimum practice share is {value}%; it must be between 0% and {max}%',
  },
  'creditRules.problem.min_above_max': {
    'zh-CN': '总学分下限 {min} 高于上限 {max}',
    en: 'The minimum total ({min} credits) is above the maximum ({max} credits)',
  },
  'creditRules.problem.parts_over_total': {
    'zh-CN': '三层学分之和 {parts}（底层共享 {shared} + 中层分立 {core} + 高层互选 {extension}）超过总学分上限 {max}，没有方案能同时满足',
    en: 'The three layers add up to {parts} credits (shared {shared} + core {core} + cross-group {extension}), more than the maximum total of {max}: no programme can meet both',
  },
  'creditRules.problem.terms_too_few': {
    'zh-CN': '{terms} 个学期 × 每学期至多 {perTerm} 学分 = {capacity} 学分，排不下总学分下限 {min}',
    en: '{terms:term|terms} × at most {perTerm} credits = {capacity} credits, less than the minimum total of {min}',
  },
  'creditRules.problem.shared_average': {
    'zh-CN': '底层共享 {count} 门课程共 {credits} 学分，平均每门 {average} 学分，应在 {min}–{max} 学分之间',
    en: '{count:shared course has|shared courses have} {credits} credits, {average} per course; it must be {min} to {max} per course',
  },
  'creditRules.problem.cohort': {
    'zh-CN': '起始年级 {value} 应在 {min}–{max} 之间',
    en: 'The first cohort {value} must be between {min} and {max}',
  },
  'creditRules.not_draft': {
    'zh-CN': '规则 v{version} 当前为“{status}”，不能{action}',
    en: 'Rule version v{version} is {status}; it cannot be {action}',
  },
  'creditRules.pending_open': {
    'zh-CN': '规则 v{version} 正在等待审批，撤回后才能修改',
    en: 'Rule version v{version} is waiting for approval; withdraw it before changing it',
  },
  'creditRules.stale': {
    'zh-CN': '规则草稿已被他人修改，请刷新后再保存',
    en: 'Someone else changed the draft; reload it before saving',
  },
  'creditRules.own_approval': {
    'zh-CN': '不能审批自己起草、修改或提交的规则版本 v{version}，请由另一位教务人员审批',
    en: 'You cannot approve rule version v{version}: you drafted, changed or submitted it. Another academic-affairs officer must approve it',
  },
  'creditRules.changed_since_submit': {
    'zh-CN': '{cohort} 级现行学分结构规则已更新为 v{version}，方案有 {count} 项未通过：{first}。请退回修改',
    en: 'The rules in force for the {cohort} cohort are now v{version}, and the programme breaks {count:rule|rules}: {first}. Return it for changes',
  },
  'notify.credit_rules_submitted.title': {
    'zh-CN': '学分结构规则待审批：v{version}',
    en: 'Credit-structure rules to approve: v{version}',
  },
  'notify.credit_rules_submitted.body': {
    'zh-CN': '{submitter} 提交了学分结构规则 v{version}（{cohort} 级起执行），请由未参与起草的教务人员审批。',
    en: '{submitter} submitted credit-structure rules v{version} (in force from the {cohort} cohort) for approval by someone who did not draft it.',
  },
  'creditRules.field.sharedCourseCount': { 'zh-CN': '底层共享课程门数', en: 'Shared courses (count)' },
  'creditRules.field.sharedCredits': { 'zh-CN': '底层共享学分', en: 'Shared credits' },
  'creditRules.field.coreCredits': { 'zh-CN': '本群核心课程学分', en: 'Group core credits' },
  'creditRules.field.crossGroupExtensionCredits': { 'zh-CN': '跨群拓展学分', en: 'Cross-group extension credits' },
  'creditRules.field.practiceShareMin': { 'zh-CN': '实践学时占比下限', en: 'Minimum practice share' },
  'creditRules.field.totalCreditsMin': { 'zh-CN': '总学分下限', en: 'Minimum total credits' },
  'creditRules.field.totalCreditsMax': { 'zh-CN': '总学分上限', en: 'Maximum total credits' },
  'creditRules.field.termCreditsMax': { 'zh-CN': '每学期学分上限', en: 'Maximum credits per term' },
  'creditRules.field.termCount': { 'zh-CN': '学期数', en: 'Terms' },
  'creditRules.status.draft': { 'zh-CN': '草稿', en: 'draft' },
  'creditRules.status.pending': { 'zh-CN': '待审批', en: 'waiting for approval' },
  'creditRules.status.approved': { 'zh-CN': '已批准', en: 'approved' },
  'creditRules.status.superseded': { 'zh-CN': '已被取代', en: 'superseded' },
  'creditRules.status.discarded': { 'zh-CN': '已放弃', en: 'discarded' },
  'creditRules.action.edit': { 'zh-CN': '修改', en: 'changed' },
  'creditRules.action.submit': { 'zh-CN': '提交审批', en: 'submitted' },
  'creditRules.action.withdraw': { 'zh-CN': '撤回', en: 'withdrawn' },
  'creditRules.action.approve': { 'zh-CN': '批准', en: 'approved' },
  'creditRules.action.reject': { 'zh-CN': '退回', en: 'returned' },
  'creditRules.action.discard': { 'zh-CN': '放弃', en: 'discarded' },
});

declare module '../../platform/messages.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageCatalog extends Record<keyof typeof creditRuleMessages, true> {}
}
