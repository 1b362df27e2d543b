import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'audit',
  routes: [{ path: 'audit', page: lazy(() => import('./AuditPage.tsx')), action: 'audit.read' }],
  menu: [{ path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, action: 'audit.read', group: 'admin', order: 93 }],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
