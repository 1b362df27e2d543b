import { lazy } from 'react';
import { UserOutlined } from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'me',
  routes: [{ path: 'me', page: lazy(() => import('./MyRecordPage.tsx')) }],
  menu: [{ path: '/me', label: 'menu.me', icon: <UserOutlined />, studentOnly: true, order: 70 }],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
