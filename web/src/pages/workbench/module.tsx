import { lazy } from 'react';
import { DashboardOutlined } from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

/** 工作台 is everyone's home page: the index route. */
const module: WebModule = {
  name: 'workbench',
  routes: [{ path: '', page: lazy(() => import('./WorkbenchPage.tsx')) }],
  menu: [{ path: '/', label: 'menu.workbench', icon: <DashboardOutlined />, order: 1 }],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
