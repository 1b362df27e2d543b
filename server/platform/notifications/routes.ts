import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor, scopeTypes } from '../access.ts';
import { bilingual, contextOf, idParam, isoTime, pageQuery, httpUrl } from '../http.ts';
import { createChannel, listChannels, listDeliveries, retryDelivery, testChannel, updateChannel } from './channel-service.ts';
import { getPreferences, listInbox, markAllRead, markRead, savePreferences, unreadCount } from './inbox-service.ts';
import { deliveryChannels, robotKinds } from './kinds.ts';

const tags = ['notifications'];
const unreadBody = z.object({ unread: z.number() });

const inboxItem = z.object({
  id: z.number(),
  notificationId: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: isoTime,
  readAt: isoTime.nullable(),
});

const preferences = z.object({
  email: z.string().nullable(),
  emailAvailable: z.boolean(),
  kinds: z.array(z.object({ key: z.string(), title: bilingual, description: bilingual, emailByDefault: z.boolean(), email: z.boolean() })),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
});

const clock = z
  .string()
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, '时间如 22:00 / a time such as 22:00');
const email = z.string().trim().max(200).email('邮箱格式不正确 / not an e-mail address');
const name = z.string().trim().min(1).max(100);
const kindKey = z.string().trim().min(3).max(100);
const scope = z.object({ type: z.enum(scopeTypes), id: z.number().int().positive() });
const webhook = httpUrl(1000);

const smtpInput = z.object({
  kind: z.literal('smtp'),
  name,
  enabled: z.boolean().optional(),
  host: z.string().trim().min(1).max(200),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  username: z.string().trim().max(200).nullable().optional(),
  password: z.string().max(500).nullable().optional(),
  from: z.string().trim().min(3).max(200),
});
const robotInput = z.object({
  kind: z.enum(robotKinds),
  name,
  enabled: z.boolean().optional(),
  webhook: webhook.optional(),
  secret: z.string().trim().max(500).nullable().optional(),
  scope,
  kinds: z.array(kindKey).max(50).optional(),
});
const channelInput = z.discriminatedUnion('kind', [smtpInput, robotInput]);

const channel = z.object({
  id: z.number(),
  institutionId: z.number().nullable(),
  kind: z.enum(['smtp', ...robotKinds]),
  name: z.string(),
  enabled: z.boolean(),
  scope: z.object({ type: z.enum(scopeTypes), id: z.number() }).nullable(),
  kinds: z.array(z.string()),
  smtp: z.object({ host: z.string(), port: z.number(), secure: z.boolean(), username: z.string().nullable(), from: z.string() }).nullable(),
  webhookMasked: z.string().nullable(),
  hasSecret: z.boolean(),
  updatedAt: isoTime,
});

const delivery = z.object({
  id: z.number(),
  channel: z.enum(deliveryChannels),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoTime,
  sentAt: isoTime.nullable(),
  deferredReason: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  channelName: z.string(),
  kind: z.string(),
  title: z.string(),
  recipient: z.string().nullable(),
  username: z.string().nullable(),
});

export async function notificationRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/me/notifications',
    {
      schema: {
        tags,
        summary: '消息中心 / my inbox',
        querystring: z.object({
          unread: z
            .enum(['true', 'false'])
            .optional()
            .transform((value) => value === 'true'),
          beforeId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(inboxItem), unread: z.number(), nextBeforeId: z.number().nullable() }) },
      },
    },
    async (request) => listInbox(app, contextOf(request), request.locale, request.query),
  );

  api.get(
    '/api/me/notifications/unread-count',
    { schema: { tags, summary: '未读数 / unread count', response: { 200: unreadBody } } },
    async (request) => unreadCount(app, contextOf(request)),
  );

  api.post(
    '/api/me/notifications/:id/read',
    { schema: { tags, summary: '标为已读 / mark read', params: idParam, response: { 200: unreadBody } } },
    async (request) => markRead(app, contextOf(request), request.params.id),
  );

  api.post(
    '/api/me/notifications/read-all',
    { schema: { tags, summary: '全部标为已读 / mark all read', response: { 200: z.object({ unread: z.number(), marked: z.number() }) } } },
    async (request) => markAllRead(app, contextOf(request)),
  );

  // Server-sent events: `event: unread` with `{ unread }` at once and whenever the count changes.
  api.get(
    '/api/me/notifications/stream',
    {
      schema: { tags, summary: '未读数实时推送（SSE）/ live unread count (server-sent events)', produces: ['text/event-stream'] },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      reply.raw.write('retry: 5000\n\n');
      await app.notifications.hub.add(actor.userId, reply.raw);
    },
  );

  api.get(
    '/api/me/notification-preferences',
    { schema: { tags, summary: '通知设置 / my notification settings', response: { 200: preferences } } },
    async (request) => getPreferences(app, contextOf(request)),
  );

  api.put(
    '/api/me/notification-preferences',
    {
      schema: {
        tags,
        summary: '修改通知设置 / save my notification settings',
        body: z.object({
          email: email.nullable(),
          kinds: z.record(kindKey, z.boolean()),
          quietHours: z.object({ start: clock, end: clock }).nullable(),
        }),
        response: { 200: preferences },
      },
    },
    async (request) => savePreferences(app, contextOf(request), request.body),
  );

  api.get(
    '/api/admin/notification-channels',
    { schema: { tags, summary: '通知渠道 / notification channels', response: { 200: z.array(channel) } } },
    async (request) => listChannels(app, contextOf(request)),
  );

  api.post(
    '/api/admin/notification-channels',
    {
      schema: { tags, summary: '新增通知渠道 / add a channel', body: channelInput, response: { 201: channel } },
    },
    async (request, reply) => reply.status(201).send(await createChannel(app, contextOf(request), request.body)),
  );

  api.put(
    '/api/admin/notification-channels/:id',
    {
      schema: { tags, summary: '修改通知渠道 / edit a channel', params: idParam, body: channelInput, response: { 200: channel } },
    },
    async (request) => updateChannel(app, contextOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/admin/notification-channels/:id/test',
    {
      schema: {
        tags,
        summary: '发送测试消息 / send a test message',
        params: idParam,
        response: { 200: z.object({ ok: z.boolean(), error: z.string().nullable() }) },
      },
    },
    async (request) => testChannel(app, contextOf(request), request.params.id),
  );

  api.get(
    '/api/admin/notification-deliveries',
    {
      schema: {
        tags,
        summary: '投递记录 / delivery log',
        querystring: z.object({
          ...pageQuery,
          status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
          channel: z.enum(deliveryChannels).optional(),
        }),
        response: { 200: z.object({ items: z.array(delivery), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (request) => listDeliveries(app, contextOf(request), request.query),
  );

  api.post(
    '/api/admin/notification-deliveries/:id/retry',
    {
      schema: {
        tags,
        summary: '重新投递 / retry a failed delivery',
        params: idParam,
        response: { 200: z.object({ id: z.number(), status: z.literal('pending') }) },
      },
    },
    async (request) => retryDelivery(app, contextOf(request), request.params.id),
  );
}
