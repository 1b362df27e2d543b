import type { AppConfig } from './config.ts';
import type { Database, Db } from './db/connection.ts';
import type { SessionCache } from './platform/auth.ts';
import type { PiiCipher } from './platform/pii.ts';
import type { ScopeTreeCache } from './platform/scope-cache.ts';
import type { ImportRegistry } from './platform/imports/registry.ts';
import type { IndicatorRegistry } from './platform/indicators/registry.ts';
import type { Scheduler } from './platform/jobs.ts';
import type { AttachmentService } from './platform/attachments/service.ts';
import type { ModuleManifest } from './platform/module.ts';
import type { NotificationService } from './platform/notifications/service.ts';

/** Everything a module needs at run time, built once in app.ts. */
export interface AppContext {
  config: AppConfig;
  database: Database;
  db: Db;
  pii: PiiCipher;
  scopes: ScopeTreeCache;
  imports: ImportRegistry;
  indicators: IndicatorRegistry;
  sessions: SessionCache;
  /** The assembled modules, in dependency order. */
  modules: readonly ModuleManifest[];
  jobs: Scheduler;
  notifications: NotificationService;
  attachments: AttachmentService;
}
