import { lazy } from 'react';
import { ApartmentOutlined } from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'org',
  routes: [
    { path: 'org', page: lazy(() => import('./OrgPage.tsx')), action: 'org.read' },
    // 设置本校: the first of the setup steps on the workbench.
    { path: 'org/institution', page: lazy(() => import('./InstitutionSetupPage.tsx')), action: 'org.read' },
  ],
  menu: [{ path: '/org', label: 'menu.org', icon: <ApartmentOutlined />, action: 'org.read', order: 10 }],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
