import { lazy } from 'react';
import {
  BankOutlined,
  FileDoneOutlined,
  NodeIndexOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  SlidersOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { needsCluster } from '../../components/NeedsCluster.tsx';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'creditbank',
  routes: [
    // Public: anyone checks a verifiable transcript, no login.
    { path: 'verify', page: lazy(() => import('../verify/VerifyPage.tsx')), public: true },
    { path: 'creditbank/me', page: lazy(() => import('./MyCreditBankPage.tsx')), studentOnly: true },
    { path: 'creditbank/claims', page: lazy(() => import('./ClaimsReviewPage.tsx')), action: 'creditbank.read' },
    { path: 'creditbank/rules', page: lazy(() => import('./RulesPage.tsx').then(needsCluster)), action: 'creditbank.read' },
    { path: 'creditbank/certificates', page: lazy(() => import('./CertificatesPage.tsx').then(needsCluster)), action: 'creditbank.read' },
    { path: 'creditbank/ledger', page: lazy(() => import('./LedgerPage.tsx')), action: 'creditbank.ledger' },
    { path: 'creditbank/pathway', page: lazy(() => import('./PathwayDistributionPage.tsx').then(needsCluster)), action: 'creditbank.read' },
  ],
  menuGroups: [{ key: 'creditbank', label: 'menu.creditbank', icon: <BankOutlined />, order: 80 }],
  menu: [
    { path: '/creditbank/me', label: 'menu.myCreditbank', icon: <WalletOutlined />, studentOnly: true, group: 'creditbank', order: 81 },
    {
      path: '/creditbank/claims',
      label: 'menu.creditClaims',
      icon: <FileDoneOutlined />,
      action: 'creditbank.read',
      group: 'creditbank',
      order: 82,
    },
    {
      path: '/creditbank/rules',
      label: 'menu.creditRules',
      icon: <SlidersOutlined />,
      action: 'creditbank.read',
      group: 'creditbank',
      order: 83,
    },
    {
      path: '/creditbank/certificates',
      label: 'menu.certificates',
      icon: <SafetyCertificateOutlined />,
      action: 'creditbank.read',
      group: 'creditbank',
      order: 84,
    },
    {
      path: '/creditbank/pathway',
      label: 'menu.pathway',
      icon: <RiseOutlined />,
      action: 'creditbank.read',
      group: 'creditbank',
      order: 85,
    },
    {
      path: '/creditbank/ledger',
      label: 'menu.ledger',
      icon: <NodeIndexOutlined />,
      action: 'creditbank.ledger',
      group: 'creditbank',
      order: 86,
    },
  ],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
