/**
 * A second (or third) server process for the scheduler test: builds the app on DATABASE_URL with the
 * sample module, runs the scheduler for RUN_MS, then stops. Started with `node --import tsx`.
 */
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { modules } from '../../server/modules/index.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { testMasterKey } from './constants.ts';
import { sampleModule } from './sample-module.ts';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 4 });
const config = { ...readConfig({} as NodeJS.ProcessEnv), loadDemoData: false };
const { fastify, context } = await buildApp(config, database, new PiiCipher(testMasterKey), {
  modules: [...modules, sampleModule],
  scheduler: { tickMs: 100 },
});
await fastify.ready();
process.stdout.write(`ready ${context.jobs.owner}\n`);
// Both processes begin together when the test writes a line to their stdin.
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
context.jobs.start();
await new Promise((resolve) => setTimeout(resolve, Number(process.env.RUN_MS ?? 10_000)));
await fastify.close();
await database.close();
process.stdout.write('done\n');
process.exit(0);
