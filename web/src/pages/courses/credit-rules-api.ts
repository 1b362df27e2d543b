/** The versioned credit-structure rules (学分结构规则版本): calls and shapes, all from the generated schema. */
import { client, unwrap } from '../../api/client.ts';
import type { Answer, Body } from '../../api/types.ts';

export type CreditRuleList = Answer<'/api/clusters/{id}/credit-rules'>;
export type CreditRuleVersion = CreditRuleList['versions'][number];
export type CreditRuleValues = CreditRuleVersion['rules'];
export type CreditRuleDraft = Body<'/api/clusters/{id}/credit-rules', 'put'>;
export type CreditRuleStep = Body<'/api/credit-rule-versions/{id}/transitions'>['action'];
export type RuleVersionRef = NonNullable<CreditRuleList['inForce']>;

export const creditRulesApi = {
  list: (clusterId: number, cohortYear?: number) =>
    unwrap(client.GET('/api/clusters/{id}/credit-rules', { params: { path: { id: clusterId }, query: { cohortYear } } })),
  saveDraft: (clusterId: number, body: CreditRuleDraft) =>
    unwrap(client.PUT('/api/clusters/{id}/credit-rules', { params: { path: { id: clusterId } }, body })),
  restoreDefaults: (clusterId: number, body: Body<'/api/clusters/{id}/credit-rules/restore-defaults'>) =>
    unwrap(client.POST('/api/clusters/{id}/credit-rules/restore-defaults', { params: { path: { id: clusterId } }, body })),
  step: (versionId: number, action: CreditRuleStep, extra: { comment?: string; revision?: number } = {}) =>
    unwrap(client.POST('/api/credit-rule-versions/{id}/transitions', { params: { path: { id: versionId } }, body: { action, ...extra } })),
};
