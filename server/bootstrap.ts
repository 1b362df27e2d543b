import path from 'node:path';
import { buildApp, webDist, type BuiltApp } from './app.ts';
import type { AppConfig } from './config.ts';
import { openDatabase, type Database } from './db/connection.ts';
import { refreshStatistics } from './db/maintenance.ts';
import { migrate } from './db/migrate.ts';
import { demoLoaded, demoPassword, seedDemoData, type DemoAccount } from './demo/seed.ts';
import { issueSetupToken } from './platform/first-admin.ts';
import { keyFileWarnings } from './platform/key-rotation.ts';
import { loadMasterKey, PiiCipher } from './platform/pii.ts';

export interface Started extends BuiltApp {
  database: Database;
  migrationVersion: number;
  demoAccounts: DemoAccount[];
  /** Production, empty install: the one-time code that creates the first administrator at /setup. */
  setupToken: string | null;
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
  const pii = options.pii ?? new PiiCipher(loadMasterKey(config.keyFile));
  if (!options.pii && !process.env.SITONG_SECRET_KEY) {
    const warnings = keyFileWarnings(config.keyFile, {
      // Where the key sits beside the data only a production install is told (the quick start keeps it there).
      dataDir: config.production ? config.dataDir : null,
      servedDirs: [webDist],
    });
    for (const warning of warnings) console.warn(`⚠ ${warning}`);
  }
  let demoAccounts: DemoAccount[] = [];
  if (config.loadDemoData && !(await demoLoaded(database.db))) {
    demoAccounts = await seedDemoData(database.db, pii, { students: config.demoStudents });
    await refreshStatistics(database);
  }
  const built = await buildApp(config, database, pii, { logger: options.logger });
  const setupToken = config.production ? await issueSetupToken(database.db) : null;
  return { ...built, database, migrationVersion: version, demoAccounts, setupToken };
}

export { demoPassword };
