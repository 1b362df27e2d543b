import { definePolicy, staffRoles } from '../../platform/access.ts';

/** What the org module's actions are and which roles hold them (on a scope that must cover the target). */
export const orgPolicy = definePolicy({
  'org.read': staffRoles,
  /** Member institutions of an alliance and their memberships: the alliance's administrators. */
  'institution.manage': ['admin'],
  'org.write': ['admin', 'academic_affairs'],
  'group.write': ['admin', 'academic_affairs', 'group_lead'],
  'major.write': ['admin', 'academic_affairs', 'group_lead', 'major_lead'],
  'major.status': ['admin', 'academic_affairs'],
  'people.read': ['admin', 'academic_affairs', 'group_lead', 'major_lead', 'supervisor', 'teacher'],
  'people.write': ['admin', 'academic_affairs'],
  'people.pii': ['admin', 'academic_affairs'],
});

declare module '../../platform/access.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PolicyCatalog extends Record<keyof typeof orgPolicy, true> {}
}
