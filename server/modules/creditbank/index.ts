import { defineModule } from '../../platform/module.ts';
import { courseCreditsConsumer } from './course-credits.ts';
import { credentialRoutes } from './credentials/credential-routes.ts';
import * as credentialTables from './credentials/schema.ts';
import { seedCreditbankDemo } from './demo.ts';
import { claimEvidence } from './evidence.ts';
import { certificateResultsImport } from './imports.ts';
import { creditbankIndicators } from './indicators.ts';
import { creditbankMessages } from './messages.ts';
import { creditbankPolicy } from './policy.ts';
import { creditbankRoutes } from './routes.ts';
import * as tables from './schema.ts';
import { creditbankWorkbench } from './workbench.ts';

/** 证书互认互通: certificates, mappings, conversion rules, the ledger, the four-stage pathway, credentials. */
export default defineModule({
  name: 'creditbank',
  tables: { ...tables, ...credentialTables },
  policy: creditbankPolicy,
  messages: creditbankMessages,
  sealedColumns: [
    { table: 'certificate_import_reviews', column: 'id_number_enc', lookupHashColumn: 'id_number_hash' },
    { table: 'credential_signing_keys', column: 'private_key_sealed' },
  ],
  routes: async (fastify, app) => {
    await creditbankRoutes(fastify, app);
    await credentialRoutes(fastify, app);
  },
  imports: () => [certificateResultsImport()],
  indicators: creditbankIndicators,
  events: { consumes: [courseCreditsConsumer] },
  attachments: [claimEvidence],
  notifications: [
    {
      key: 'creditbank.claim_decided',
      titleKey: 'notify.claim_decided.title',
      bodyKey: 'notify.claim_decided.body',
      emailByDefault: true,
      title: { 'zh-CN': '学分认定结果', en: 'Credit claim decisions' },
      description: { 'zh-CN': '您的学分认定申请被认定或未通过时通知您', en: 'Tells you when your credit claim is granted or rejected' },
    },
  ],
  workbench: creditbankWorkbench,
  demo: seedCreditbankDemo,
});
