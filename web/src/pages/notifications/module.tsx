import { lazy } from 'react';
import { BellOutlined } from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'notifications',
  routes: [
    { path: 'inbox', page: lazy(() => import('./InboxPage.tsx')) },
    { path: 'settings/notifications', page: lazy(() => import('./SettingsPage.tsx')) },
  ],
  menu: [{ path: '/inbox', label: 'menu.inbox', icon: <BellOutlined />, order: 5 }],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
