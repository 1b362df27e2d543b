import { definePolicy } from '../../platform/access.ts';

/** The credit bank's actions and the roles that hold them. */
export const creditbankPolicy = definePolicy({
  'creditbank.read': ['admin', 'academic_affairs', 'group_lead', 'major_lead', 'supervisor', 'advisory_member'],
  'creditbank.submit': ['admin', 'academic_affairs', 'group_lead', 'major_lead'],
  'creditbank.review': ['admin', 'academic_affairs', 'group_lead'],
  'creditbank.catalogue': ['admin', 'academic_affairs'],
  'creditbank.rules': ['admin', 'academic_affairs'],
  'creditbank.ledger': ['admin', 'academic_affairs'],
  /** The institution's review settings (four eyes). */
  'creditbank.settings': ['admin', 'academic_affairs'],
  /** Issuing a verifiable credential for a student (the student may always issue their own). */
  'creditbank.issue': ['admin', 'academic_affairs', 'group_lead'],
});

declare module '../../platform/access.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PolicyCatalog extends Record<keyof typeof creditbankPolicy, true> {}
}
