import { defineModule } from '../../platform/module.ts';
import { seedCourseDemo } from './demo.ts';
import { creditsEarned, creditsRevoked } from './events.ts';
import { courseImportDefinitions } from './imports.ts';
import { courseIndicators } from './indicators.ts';
import { courseMessages } from './messages.ts';
import { coursePolicy } from './policy.ts';
import { courseRoutes } from './routes.ts';
import * as tables from './schema.ts';
import { drawDueWindows } from './selection-service.ts';

/** 课程体系贯通: the course pool, training programmes, offerings, elective selection and grades. */
export default defineModule({
  name: 'courses',
  tables,
  policy: coursePolicy,
  messages: courseMessages,
  routes: courseRoutes,
  imports: () => courseImportDefinitions(),
  indicators: courseIndicators,
  jobs: [{
    name: 'courses.draw_due_windows',
    title: { 'zh-CN': '选课：志愿填报截止后自动抽签', en: 'Selection: draw windows whose preference period has closed' },
    every: 60,
    run: async (app) => ({ drawn: await drawDueWindows(app) }),
  }],
  events: { publishes: [creditsEarned, creditsRevoked] },
  demo: seedCourseDemo,
});
