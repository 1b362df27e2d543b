import { lazy } from 'react';
import {
  BookOutlined,
  CalendarOutlined,
  ControlOutlined,
  DiffOutlined,
  EditOutlined,
  FileTextOutlined,
  LineChartOutlined,
  ReadOutlined,
  ScheduleOutlined,
  SelectOutlined,
} from '@ant-design/icons';
import { needsCluster } from '../../components/NeedsCluster.tsx';
import type { WebModule } from '../../lib/module.ts';
import en from './i18n.en.json';
import zhCN from './i18n.zh-CN.json';

const module: WebModule = {
  name: 'courses',
  routes: [
    { path: 'courses', page: lazy(() => import('./CoursePoolPage.tsx').then(needsCluster)), action: 'course.read' },
    { path: 'programmes', page: lazy(() => import('./ProgrammeListPage.tsx').then(needsCluster)), action: 'programme.read' },
    { path: 'programmes/compare', page: lazy(() => import('./ProgrammeComparePage.tsx').then(needsCluster)), action: 'programme.read' },
    { path: 'programmes/:id', page: lazy(() => import('./ProgrammeBuilderPage.tsx')), action: 'programme.read' },
    { path: 'credit-rules', page: lazy(() => import('./CreditRulesPage.tsx').then(needsCluster)), action: 'programme.read' },
    { path: 'selection-windows', page: lazy(() => import('./SelectionWindowsPage.tsx')), action: 'section.read' },
    { path: 'selection-windows/:id', page: lazy(() => import('./SelectionWindowPage.tsx')), action: 'section.read' },
    { path: 'grades', page: lazy(() => import('./GradeEntryPage.tsx')), action: 'grade.enter' },
    { path: 'selection', page: lazy(() => import('./MySelectionPage.tsx')), studentOnly: true },
    { path: 'timetable', page: lazy(() => import('./MyTimetablePage.tsx')), studentOnly: true },
    { path: 'progress', page: lazy(() => import('./MyProgressPage.tsx')), studentOnly: true },
  ],
  menuGroups: [{ key: 'teaching', label: 'menu.teaching', icon: <ReadOutlined />, order: 30 }],
  menu: [
    { path: '/courses', label: 'menu.courses', icon: <BookOutlined />, action: 'course.read', group: 'teaching', order: 31 },
    { path: '/programmes', label: 'menu.programmes', icon: <FileTextOutlined />, action: 'programme.read', group: 'teaching', order: 32 },
    { path: '/programmes/compare', label: 'menu.compare', icon: <DiffOutlined />, action: 'programme.read', group: 'teaching', order: 33 },
    {
      path: '/credit-rules',
      label: 'creditRules.menu',
      icon: <ControlOutlined />,
      action: 'course.rules',
      group: 'teaching',
      order: 36,
    },
    {
      path: '/selection-windows',
      label: 'menu.selectionWindows',
      icon: <ScheduleOutlined />,
      action: 'section.read',
      group: 'teaching',
      order: 34,
    },
    { path: '/grades', label: 'menu.grades', icon: <EditOutlined />, action: 'grade.enter', group: 'teaching', order: 35 },
    { path: '/selection', label: 'menu.selection', icon: <SelectOutlined />, studentOnly: true, order: 71 },
    { path: '/timetable', label: 'menu.timetable', icon: <CalendarOutlined />, studentOnly: true, order: 72 },
    { path: '/progress', label: 'menu.progress', icon: <LineChartOutlined />, studentOnly: true, order: 73 },
  ],
  messages: { 'zh-CN': zhCN, en },
};
export default module;
