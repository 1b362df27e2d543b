import { defineMessages } from '../../platform/messages.ts';

/** The org module's messages (zh-CN first, English complete). */
export const orgMessages = defineMessages({
  'import.cell.bad_major_code': { 'zh-CN': '专业代码应为 6 位数字', en: 'A major code has 6 digits' },
  'major.status_unchanged': { 'zh-CN': '专业状态已是“{status}”', en: 'The major is already "{status}"' },
  'major.revoked_final': { 'zh-CN': '已撤销的专业不能再变更状态', en: 'A revoked major cannot change status again' },
  'entity.alliance': { 'zh-CN': '联盟', en: 'alliance' },
  'entity.institution': { 'zh-CN': '院校', en: 'institution' },
  'entity.department': { 'zh-CN': '系部', en: 'department' },
  'entity.cluster': { 'zh-CN': '专业集群', en: 'professional cluster' },
  'entity.group': { 'zh-CN': '专业群', en: 'professional group' },
  'entity.major': { 'zh-CN': '专业', en: 'major' },
  'entity.term': { 'zh-CN': '学期', en: 'term' },
  'entity.class': { 'zh-CN': '班级', en: 'class' },
  'entity.teacher': { 'zh-CN': '教师', en: 'teacher' },
  'entity.student': { 'zh-CN': '学生', en: 'student' },
});

declare module '../../platform/messages.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageCatalog extends Record<keyof typeof orgMessages, true> {}
}
