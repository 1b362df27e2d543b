/**
 * The modules, in dependency order (platform → org → courses → creditbank …). Everything the platform
 * assembles (schema, policy, messages, routes, imports, indicators, jobs, consumers, workbench, demo
 * data) comes from this list; adding a module is one folder and one line here.
 */
import type { ModuleManifest } from '../platform/module.ts';
import courses from './courses/index.ts';
import creditbank from './creditbank/index.ts';
import org from './org/index.ts';
import { plannedIndicators } from './planned-indicators.ts';

/** The 表 1 rows of modules still to come, registered but not computable (see planned-indicators.ts). */
const planned: ModuleManifest = { name: 'planned', tables: {}, policy: {}, messages: {}, indicators: plannedIndicators };

export const modules: readonly ModuleManifest[] = [org, courses, creditbank, planned];
