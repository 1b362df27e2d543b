import { defineModule } from '../../platform/module.ts';
import { courseCreditsConsumer } from './course-credits.ts';
import { credentialRoutes } from './credentials/credential-routes.ts';
import * as credentialTables from './credentials/schema.ts';
import { seedCreditbankDemo } from './demo.ts';
import { certificateResultsImport } from './imports.ts';
import { creditbankIndicators } from './indicators.ts';
import { creditbankMessages } from './messages.ts';
import { creditbankPolicy } from './policy.ts';
import { creditbankRoutes } from './routes.ts';
import * as tables from './schema.ts';

/** 证书互认互通: certificates, mappings, conversion rules, the ledger, the four-stage pathway, credentials. */
export default defineModule({
  name: 'creditbank',
  tables: { ...tables, ...credentialTables },
  policy: creditbankPolicy,
  messages: creditbankMessages,
  routes: async (fastify, app) => {
    await creditbankRoutes(fastify, app);
    await credentialRoutes(fastify, app);
  },
  imports: () => [certificateResultsImport()],
  indicators: creditbankIndicators,
  events: { consumes: [courseCreditsConsumer] },
  demo: seedCreditbankDemo,
});
