import path from 'node:path';
import { buildApp, type BuiltApp } from './app.ts';
import type { AppConfig } from './config.ts';
import { openDatabase, type Database } from './db/connection.ts';
import { refreshStatistics } from './db/maintenance.ts';
import { migrate } from './db/migrate.ts';
import { demoLoaded, demoPassword, seedDemoData, type DemoAccount } from './demo/seed.ts';
import { loadMasterKey, PiiCipher } from './platform/pii.ts';

export interface Started extends BuiltApp {
  database: Database;
  migrationVersion: number;
  demoAccounts: DemoAccount[];
}

/** Open → migrate → demo data (first start only) → app. Shared by main.ts, tests and benchmarks. */
export async function bootstrap(
  config: AppConfig,
  options: { logger?: boolean; database?: Database; pii?: PiiCipher } = {},
): Promise<Started> {
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'pglite'),
      poolSize: config.databasePoolSize,
    }));
  const { version } = await migrate(database);
  const pii = options.pii ?? new PiiCipher(loadMasterKey(config.dataDir));
  let demoAccounts: DemoAccount[] = [];
  if (config.loadDemoData && !(await demoLoaded(database.db))) {
    demoAccounts = await seedDemoData(database.db, pii, { students: config.demoStudents });
    await refreshStatistics(database);
  }
  const built = await buildApp(config, database, pii, { logger: options.logger });
  return { ...built, database, migrationVersion: version, demoAccounts };
}

export { demoPassword };
