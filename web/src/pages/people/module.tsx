import { lazy } from 'react';
import { IdcardOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'people',
  routes: [
    { path: 'students', page: lazy(() => import('./StudentsPage.tsx')), action: 'people.read' },
    { path: 'teachers', page: lazy(() => import('./TeachersPage.tsx')), action: 'people.read' },
  ],
  menuGroups: [{ key: 'people', label: 'menu.people', icon: <TeamOutlined />, order: 20 }],
  menu: [
    { path: '/students', label: 'menu.students', icon: <IdcardOutlined />, action: 'people.read', group: 'people', order: 21 },
    { path: '/teachers', label: 'menu.teachers', icon: <SolutionOutlined />, action: 'people.read', group: 'people', order: 22 },
  ],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
