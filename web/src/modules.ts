/**
 * The web app's modules, in menu order of their first entries. Routes, menu entries and messages come
 * from here; adding an area is one folder with a module.tsx and one line below.
 */
import type { WebModule } from './lib/module.ts';
import admin from './pages/admin/module.tsx';
import audit from './pages/audit/module.tsx';
import courses from './pages/courses/module.tsx';
import creditbank from './pages/creditbank/module.tsx';
import imports from './pages/imports/module.tsx';
import indicators from './pages/indicators/module.tsx';
import me from './pages/me/module.tsx';
import notifications from './pages/notifications/module.tsx';
import org from './pages/org/module.tsx';
import people from './pages/people/module.tsx';
import workbench from './pages/workbench/module.tsx';

export const webModules: readonly WebModule[] = [
  workbench,
  notifications,
  org,
  people,
  courses,
  imports,
  indicators,
  me,
  creditbank,
  admin,
  audit,
];
