import { defineModule } from '../../platform/module.ts';
import { accountHolders, accountHolderSet, scopeLabels } from './account-holders.ts';
import { seedOrgDemo } from './demo.ts';
import { orgSetupSteps } from './first-run-steps.ts';
import { orgImportDefinitions } from './imports.ts';
import { orgIndicators } from './indicators.ts';
import { orgMessages } from './messages.ts';
import { orgPolicy } from './policy.ts';
import { orgRoutes } from './routes.ts';
import { orgSetupRoutes } from './setup-routes.ts';
import * as tables from './schema.ts';
import { loadScopeTree, allianceForFirstAdmin } from './structure-service.ts';

/** The organisation: alliance, institutions, departments, cluster → groups → majors, people and terms. */
export default defineModule({
  name: 'org',
  tables,
  policy: orgPolicy,
  messages: orgMessages,
  routes: async (fastify, app) => {
    await orgRoutes(fastify, app);
    await orgSetupRoutes(fastify, app);
  },
  sealedColumns: [
    { table: 'students', column: 'id_number_enc', lookupHashColumn: 'id_number_hash' },
    { table: 'students', column: 'phone_enc', lookupHashColumn: 'phone_hash' },
    { table: 'teachers', column: 'id_number_enc', lookupHashColumn: 'id_number_hash' },
    { table: 'teachers', column: 'phone_enc', lookupHashColumn: 'phone_hash' },
    { table: 'enterprise_contacts', column: 'phone_enc' },
  ],
  imports: (app) => orgImportDefinitions(() => app.scopes.invalidate()),
  indicators: orgIndicators,
  scopeTree: loadScopeTree,
  accountHolders,
  accountHolderSet,
  scopeLabels,
  setupSteps: (app, _actor, institutionId) => orgSetupSteps(app, institutionId),
  firstAdminScope: async (db, name) => {
    const alliance = await allianceForFirstAdmin(db, name);
    return { ref: { type: 'alliance', id: alliance.id }, label: alliance.name };
  },
  demo: seedOrgDemo,
});
