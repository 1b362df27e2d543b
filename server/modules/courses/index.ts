import { defineModule } from '../../platform/module.ts';
import { seedCourseDemo } from './demo.ts';
import { creditsEarned, creditsRevoked } from './events.ts';
import { courseImportDefinitions } from './imports.ts';
import { courseIndicators } from './indicators.ts';
import { courseMessages } from './messages.ts';
import { coursePolicy } from './policy.ts';
import { courseRoutes } from './routes.ts';
import * as tables from './schema.ts';
import { drawDueWindows } from './selection-draw.ts';
import { courseWorkbench } from './workbench.ts';

/** 课程体系贯通: the course pool, training programmes, offerings, elective selection and grades. */
export default defineModule({
  name: 'courses',
  tables,
  policy: coursePolicy,
  messages: courseMessages,
  routes: courseRoutes,
  imports: () => courseImportDefinitions(),
  indicators: courseIndicators,
  jobs: [
    {
      name: 'courses.draw_due_windows',
      title: { 'zh-CN': '选课：志愿填报截止后自动抽签', en: 'Selection: draw windows whose preference period has closed' },
      every: 60,
      run: async (app) => ({ drawn: await drawDueWindows(app) }),
    },
  ],
  events: { publishes: [creditsEarned, creditsRevoked] },
  notifications: [
    {
      key: 'courses.programme_submitted',
      titleKey: 'notify.programme_submitted.title',
      bodyKey: 'notify.programme_submitted.body',
      emailByDefault: true,
      title: { 'zh-CN': '培养方案待审核', en: 'Programmes to review' },
      description: { 'zh-CN': '有培养方案提交审核时通知教务处', en: 'Tells academic affairs when a programme is submitted' },
    },
    {
      key: 'courses.programme_returned',
      titleKey: 'notify.programme_returned.title',
      bodyKey: 'notify.programme_returned.body',
      emailByDefault: true,
      title: { 'zh-CN': '培养方案被退回', en: 'Programme returned' },
      description: { 'zh-CN': '您提交的培养方案被退回修改时通知您', en: 'Tells you when a programme you submitted is returned' },
    },
    {
      key: 'courses.credit_rules_submitted',
      titleKey: 'notify.credit_rules_submitted.title',
      bodyKey: 'notify.credit_rules_submitted.body',
      emailByDefault: true,
      title: { 'zh-CN': '学分结构规则待审批', en: 'Credit-structure rules to approve' },
      description: {
        'zh-CN': '有新的学分结构规则版本提交审批时通知教务处',
        en: 'Tells academic affairs when a new version of the credit-structure rules is submitted',
      },
    },
  ],
  workbench: courseWorkbench,
  demo: seedCourseDemo,
});
