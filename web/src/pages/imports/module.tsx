import { lazy } from 'react';
import { CloudUploadOutlined } from '@ant-design/icons';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'imports',
  routes: [{ path: 'imports', page: lazy(() => import('./ImportWizard.tsx')), action: 'import.run' }],
  menu: [{ path: '/imports', label: 'menu.imports', icon: <CloudUploadOutlined />, action: 'import.run', order: 40 }],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
