import { definePolicy, staffRoles } from '../../platform/access.ts';

/** The courses module's actions and the roles that hold them. */
export const coursePolicy = definePolicy({
  'course.read': staffRoles,
  'course.write': ['admin', 'academic_affairs', 'group_lead'],
  'course.rules': ['admin', 'academic_affairs'],
  'programme.read': staffRoles,
  'programme.edit': ['admin', 'academic_affairs', 'group_lead', 'major_lead'],
  'programme.approve': ['admin', 'academic_affairs'],
  'section.read': ['admin', 'academic_affairs', 'group_lead', 'major_lead', 'teacher', 'supervisor'],
  'section.write': ['admin', 'academic_affairs'],
  'selection.manage': ['admin', 'academic_affairs'],
  'grade.enter': ['admin', 'academic_affairs', 'teacher'],
  'grade.correct': ['admin', 'academic_affairs'],
});

declare module '../../platform/access.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PolicyCatalog extends Record<keyof typeof coursePolicy, true> {}
}
