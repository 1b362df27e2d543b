/** The workbench card of the versioned credit-structure rules: versions waiting for this 教务's approval. */
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { can, holdsAnywhere, type Actor } from '../../platform/access.ts';
import { countOf } from '../../platform/messages.ts';
import type { WorkbenchCard } from '../../platform/workbench.ts';
import { mayApproveVersion } from './credit-rules.ts';
import { creditRuleVersions } from './schema.ts';

const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Shown only while a version waits that the viewer may approve (in scope, and not one they wrote). */
export async function creditRuleCards(app: AppContext, actor: Actor): Promise<WorkbenchCard[]> {
  if (!holdsAnywhere(actor, 'course.rules')) return [];
  const tree = await app.scopes.get();
  const waiting = (
    await app.db
      .select()
      .from(creditRuleVersions)
      .where(eq(creditRuleVersions.status, 'pending'))
      .orderBy(asc(creditRuleVersions.submittedAt))
  ).filter((row) => can(actor, 'course.rules', { type: 'cluster', id: row.clusterId }, tree) && mayApproveVersion(row, actor.userId));
  if (waiting.length === 0) return [];
  return [
    {
      key: 'courses.credit_rules_to_approve',
      title: both('待审批的学分结构规则', 'Credit-structure rules to approve'),
      summary: both(
        `${waiting.length} 个规则版本等待您审批`,
        `${countOf(waiting.length, 'rule version waits', 'rule versions wait')} for your approval`,
      ),
      count: waiting.length,
      tone: 'todo',
      deadline: null,
      link: '/credit-rules',
      items: waiting.map((row) => ({
        label: both(`规则版本 v${row.versionNo}`, `Rule version v${row.versionNo}`),
        detail: both(`${row.effectiveFromCohort} 级起执行`, `in force from the ${row.effectiveFromCohort} cohort`),
        link: '/credit-rules',
        tone: 'todo',
      })),
    },
  ];
}
