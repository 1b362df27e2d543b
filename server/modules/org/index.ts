import { defineModule } from '../../platform/module.ts';
import { seedOrgDemo } from './demo.ts';
import { orgImportDefinitions } from './imports.ts';
import { orgIndicators } from './indicators.ts';
import { orgMessages } from './messages.ts';
import { orgPolicy } from './policy.ts';
import { orgRoutes } from './routes.ts';
import * as tables from './schema.ts';
import { loadScopeTree } from './structure-service.ts';

/** The organisation: alliance, institutions, departments, cluster → groups → majors, people and terms. */
export default defineModule({
  name: 'org',
  tables,
  policy: orgPolicy,
  messages: orgMessages,
  routes: orgRoutes,
  imports: (app) => orgImportDefinitions(() => app.scopes.invalidate()),
  indicators: orgIndicators,
  scopeTree: loadScopeTree,
  demo: seedOrgDemo,
});
