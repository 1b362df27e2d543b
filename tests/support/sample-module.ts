/**
 * A module that exists only in the tests and is registered only through its manifest: nothing in
 * server/ names it. It proves that a manifest alone gives a module its routes, policy, messages and jobs.
 */
import { z } from 'zod';
import { authorize, definePolicy, requireActor, type Action } from '../../server/platform/access.ts';
import { defineMessages, translate } from '../../server/platform/messages.ts';
import { defineModule } from '../../server/platform/module.ts';

export const samplePolicy = definePolicy({ 'sample.read': ['admin', 'academic_affairs'] });
export const sampleMessages = defineMessages({ 'sample.hello': { 'zh-CN': '你好，{name}', en: 'Hello, {name}' } });

/** How many times `sample.flaky` has been called in this process (it fails the first two). */
export const flakyCalls = { count: 0 };

export const sampleModule = defineModule({
  name: 'sample',
  tables: {},
  policy: samplePolicy,
  messages: sampleMessages,
  routes: async (fastify, app) => {
    fastify.get(
      '/api/sample/hello',
      { schema: { tags: ['sample'], summary: '示例 / sample', response: { 200: z.object({ message: z.string() }) } } },
      async (request) => {
        const actor = requireActor(request.actor);
        authorize(actor, 'sample.read' as Action, { type: 'institution', id: actor.institutionId ?? 0 }, await app.scopes.get());
        return { message: translate('sample.hello' as never, request.locale, { name: actor.displayName }) };
      },
    );
  },
  // Its workbench cards fail to load: the workbench shows that instead of failing.
  workbench: async () => {
    throw new Error('sample cards are broken');
  },
  jobs: [
    { name: 'sample.tick', title: { 'zh-CN': '示例：每秒一次', en: 'Sample: every second' }, every: 1, run: async () => ({ ticked: 1 }) },
    {
      name: 'sample.flaky',
      title: { 'zh-CN': '示例：前两次失败', en: 'Sample: fails twice' },
      every: 3600,
      run: async () => {
        flakyCalls.count += 1;
        if (flakyCalls.count <= 2) throw new Error(`flaky failure ${flakyCalls.count}`);
        return { calls: flakyCalls.count };
      },
    },
  ],
});
