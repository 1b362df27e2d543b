import { defineMessages } from '../../platform/messages.ts';

/** The org module's messages (zh-CN first, English complete). */
export const orgMessages = defineMessages({
  // 审计日志中的操作名称 / what each audit action is called in the audit log
  'audit.department.create': { 'zh-CN': '新增系部', en: 'Add a department' },
  'audit.department.update': { 'zh-CN': '修改系部', en: 'Change a department' },
  'audit.institution.create': { 'zh-CN': '新增成员单位', en: 'Add a member institution' },
  'audit.institution.update': { 'zh-CN': '修改成员单位', en: 'Change a member institution' },
  'audit.cluster.create': { 'zh-CN': '新建专业集群', en: 'Create a cluster' },
  'audit.cluster.update': { 'zh-CN': '修改专业集群', en: 'Change a cluster' },
  'audit.cluster.import_create': { 'zh-CN': '导入新增专业集群', en: 'Import: add a cluster' },
  'audit.cluster.import_update': { 'zh-CN': '导入更新专业集群', en: 'Import: update a cluster' },
  'audit.group.create': { 'zh-CN': '新建专业群', en: 'Create a professional group' },
  'audit.major.create': { 'zh-CN': '新增专业', en: 'Add a major' },
  'org.institution_needs_alliance': { 'zh-CN': '成员单位至少属于一个联盟', en: 'An institution belongs to at least one alliance' },
  'org.alliance_twice': { 'zh-CN': '同一联盟只能列一次', en: 'Each alliance may be listed once' },
  'audit.enterprise_contact.create': { 'zh-CN': '新增企业联系人', en: 'Add an enterprise contact' },
  'audit.group.update': { 'zh-CN': '修改专业群', en: 'Change a professional group' },
  'audit.major.update': { 'zh-CN': '修改专业', en: 'Change a major' },
  'audit.major.status': { 'zh-CN': '变更专业招生状态', en: 'Change a major’s enrolment status' },
  'audit.student.update': { 'zh-CN': '修改学生信息', en: 'Change a student' },
  'audit.person.reveal': { 'zh-CN': '查看完整身份证号或手机号', en: 'Reveal an ID number or phone in full' },
  'people.export_too_large': {
    'zh-CN': '筛选结果共 {rows} 行，超过一次导出的上限 {limit} 行，请缩小筛选范围',
    en: 'The filter matches {rows} rows, more than the {limit} one export may hold: narrow the filter',
  },
  'audit.term.create': { 'zh-CN': '新增学期', en: 'Add a term' },
  'audit.term.update': { 'zh-CN': '修改学期', en: 'Change a term' },
  'audit.term.import_create': { 'zh-CN': '导入新增学期', en: 'Import: add a term' },
  'audit.term.import_update': { 'zh-CN': '导入更新学期', en: 'Import: update a term' },
  'term.ends_before_start': { 'zh-CN': '学期结束日期须晚于开始日期', en: 'A term ends after it starts' },
  'term.no_monday': { 'zh-CN': '学期内没有周一，无法安排第一教学周', en: 'The term holds no Monday for its first teaching week' },
  'term.first_week_not_monday': { 'zh-CN': '第一教学周须从周一开始', en: 'The first teaching week begins on a Monday' },
  'term.first_week_outside': {
    'zh-CN': '第一教学周周一须在学期起止日期之内',
    en: 'The Monday of the first teaching week lies within the term',
  },
  'audit.department.import_create': { 'zh-CN': '导入新增系部', en: 'Import: add a department' },
  'audit.department.import_update': { 'zh-CN': '导入更新系部', en: 'Import: update a department' },
  'audit.group.import_create': { 'zh-CN': '导入新增专业群', en: 'Import: add a professional group' },
  'audit.group.import_update': { 'zh-CN': '导入更新专业群', en: 'Import: update a professional group' },
  'audit.major.import_create': { 'zh-CN': '导入新增专业', en: 'Import: add a major' },
  'audit.major.import_update': { 'zh-CN': '导入更新专业', en: 'Import: update a major' },
  'audit.class.import_create': { 'zh-CN': '导入新增班级', en: 'Import: add a class' },
  'audit.class.import_update': { 'zh-CN': '导入更新班级', en: 'Import: update a class' },
  'audit.teacher.import_create': { 'zh-CN': '导入新增教师', en: 'Import: add a teacher' },
  'audit.teacher.import_update': { 'zh-CN': '导入更新教师', en: 'Import: update a teacher' },
  'audit.student.import_create': { 'zh-CN': '导入新增学生', en: 'Import: add a student' },
  'audit.student.import_update': { 'zh-CN': '导入更新学生', en: 'Import: update a student' },
  'import.cell.bad_term_code': {
    'zh-CN': '学期代码应形如 2026-2027-1（相邻两年与学期 1 或 2）',
    en: 'A term code reads like 2026-2027-1 (two consecutive years and term 1 or 2)',
  },
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
