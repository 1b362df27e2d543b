import { lazy } from 'react';
import { BarChartOutlined } from '@ant-design/icons';
import { needsCluster } from '../../components/NeedsCluster.tsx';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'indicators',
  routes: [{ path: 'indicators', page: lazy(() => import('./IndicatorsPage.tsx').then(needsCluster)), action: 'indicator.read' }],
  menu: [{ path: '/indicators', label: 'menu.indicators', icon: <BarChartOutlined />, action: 'indicator.read', order: 50 }],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
