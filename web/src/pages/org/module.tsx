import { lazy } from 'react';
import { ApartmentOutlined, BankOutlined, CalendarOutlined } from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'org',
  routes: [
    { path: 'org', page: lazy(() => import('./OrgPage.tsx')), action: 'org.read' },
    { path: 'terms', page: lazy(() => import('./TermsPage.tsx')), action: 'org.read' },
    // 设置本校: the first of the setup steps on the workbench.
    { path: 'org/institution', page: lazy(() => import('./InstitutionSetupPage.tsx')), action: 'org.read' },
  ],
  menuGroups: [{ key: 'org', label: 'menu.orgArea', icon: <BankOutlined />, order: 10 }],
  menu: [
    { path: '/org', label: 'menu.org', icon: <ApartmentOutlined />, action: 'org.read', group: 'org', order: 11 },
    { path: '/terms', label: 'menu.terms', icon: <CalendarOutlined />, action: 'org.read', group: 'org', order: 12 },
  ],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
