import { lazy } from 'react';
import {
  ClockCircleOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

/** 系统管理: the platform's own administration pages (the audit log joins this group from its module). */
const module: WebModule = {
  name: 'admin',
  routes: [
    // Public: the first administrator of an empty production install, with the one-time setup code.
    { path: 'setup', page: lazy(() => import('./SetupPage.tsx')), public: true },
    { path: 'admin/users', page: lazy(() => import('./UsersPage.tsx')), action: 'users.manage' },
    { path: 'admin/sso', page: lazy(() => import('./SsoPage.tsx')), action: 'sso.manage' },
    { path: 'admin/channels', page: lazy(() => import('./ChannelsPage.tsx')), action: 'notifications.manage' },
    { path: 'admin/jobs', page: lazy(() => import('./JobsPage.tsx')), action: 'jobs.manage' },
  ],
  menuGroups: [{ key: 'admin', label: 'menu.admin', icon: <SettingOutlined />, order: 90 }],
  menu: [
    { path: '/admin/users', label: 'menu.users', icon: <UserSwitchOutlined />, action: 'users.manage', group: 'admin', order: 90.5 },
    { path: '/admin/sso', label: 'menu.sso', icon: <SafetyCertificateOutlined />, action: 'sso.manage', group: 'admin', order: 90.7 },
    {
      path: '/admin/channels',
      label: 'menu.channels',
      icon: <NotificationOutlined />,
      action: 'notifications.manage',
      group: 'admin',
      order: 91,
    },
    { path: '/admin/jobs', label: 'menu.jobs', icon: <ClockCircleOutlined />, action: 'jobs.manage', group: 'admin', order: 92 },
  ],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
