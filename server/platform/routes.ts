import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { schemaVersion } from '../db/migrate.ts';
import { institutionsReached, policyTable, requireActor } from './access.ts';
import { auditActionLabel, auditActionList, auditEntityLabel, listAudit } from './audit.ts';
import { authRules, changePassword, chooseFirstPassword, login, logout } from './auth.ts';
import { enforceRateLimit } from './rate-limit.ts';
import { completeSetup, setupNeeded } from './first-admin.ts';
import type { AppConfig } from '../config.ts';
import { forbiddenScope } from './errors.ts';
import { bilingual, contextOf } from './http.ts';
import * as r from './responses.ts';
import { users } from './schema.ts';
import { countAll } from '../db/sql.ts';
import { eq } from 'drizzle-orm';
import { cardTones, stepStates, workbenchFor } from './workbench.ts';
import { providerLogoutUrl } from './sso/flow.ts';

/** Over https the cookies carry the `__Host-` prefix: Secure, path /, no domain, so no other site or subdomain can set them. */
export function cookieNames(config: Pick<AppConfig, 'secureCookies'>) {
  const prefix = config.secureCookies ? '__Host-' : '';
  return { session: `${prefix}sitong_session`, csrf: `${prefix}sitong_csrf` };
}

export async function platformRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();
  const { session: sessionCookie, csrf: csrfCookie } = cookieNames(app.config);

  api.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        summary: '健康检查 / health',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            migrationVersion: z.number(),
            time: z.string(),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      database: app.database.kind,
      migrationVersion: await schemaVersion(app.database),
      time: new Date().toISOString(),
    }),
  );

  const cookieOptions = { path: '/', sameSite: 'strict' as const, secure: app.config.secureCookies };

  api.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录 / log in',
        body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: r.loginAnswer },
      },
    },
    async (request, reply) => {
      const result = await login(
        app.db,
        app.database,
        { ...contextOf(request), userAgent: request.headers['user-agent'] },
        request.body.username,
        request.body.password,
        app.config.sessionTtlHours,
      );
      reply.setCookie(sessionCookie, result.token, { ...cookieOptions, httpOnly: true, expires: result.expiresAt });
      reply.setCookie(csrfCookie, result.csrfToken, { ...cookieOptions, httpOnly: false, expires: result.expiresAt });
      return {
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt.toISOString(),
        passwordChangeRequired: result.passwordChangeRequired,
      };
    },
  );

  api.get(
    '/api/public/setup',
    {
      schema: {
        tags: ['auth'],
        summary: '首次设置是否开放、是否有演示账号 / is first-run setup open, are there demo logins',
        response: { 200: z.object({ needed: z.boolean(), demoLogins: z.boolean() }) },
      },
    },
    async () => ({ needed: await setupNeeded(app.db), demoLogins: app.config.loadDemoData }),
  );

  api.post(
    '/api/public/setup',
    {
      schema: {
        tags: ['auth'],
        summary: '首次设置：用一次性设置码创建第一位管理员 / first run: the first administrator, with the one-time setup code',
        body: z.object({
          token: z.string().trim().min(10).max(100),
          username: z.string().trim().min(1).max(60),
          displayName: z.string().trim().max(60).nullable().optional(),
          password: z.string().min(1).max(200),
          allianceName: z.string().trim().max(100).nullable().optional(),
        }),
        response: { 201: z.object({ username: z.string(), scope: z.string() }) },
      },
    },
    async (request, reply) => {
      await enforceRateLimit(app.db, authRules.setup, request.ip);
      const { token, ...input } = request.body;
      const created = await completeSetup(app.db, app.modules, token, input);
      return reply.status(201).send({ username: input.username.trim(), scope: created.scope });
    },
  );

  api.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: '退出（经统一身份认证登录的，同时给出其退出地址）/ log out (and, after single sign-on, where the provider signs out too)',
        response: { 200: z.object({ ok: z.literal(true), providerLogoutUrl: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      requireActor(request.actor);
      const ended = await logout(app.db, contextOf(request), request.sessionTokenHash!);
      app.sessions.forget(request.sessionTokenHash!);
      reply.clearCookie(sessionCookie, { path: '/' }).clearCookie(csrfCookie, { path: '/' });
      return { ok: true as const, providerLogoutUrl: await providerLogoutUrl(app, ended) };
    },
  );

  api.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户、角色与权限 / who am I', response: { 200: r.me } } },
    async (request) => {
      const actor = requireActor(request.actor);
      const actions = policyTable()
        .filter(([, holders]) => actor.grants.some((grant) => holders.includes(grant.role)))
        .map(([action]) => action);
      const admin = actor.grants.some((grant) => grant.role === 'admin');
      const demoPasswordAccounts = admin
        ? (await app.db.select({ count: countAll() }).from(users).where(eq(users.demoPassword, true)))[0]!.count
        : 0;
      return {
        ...actor,
        csrfToken: request.csrfToken,
        actions,
        demoPasswordAccounts,
        passwordChangeRequired: request.passwordChangeRequired,
      };
    },
  );

  api.get(
    '/api/me/workbench',
    {
      schema: {
        tags: ['platform'],
        summary: '工作台：我的待办 / my workbench',
        response: {
          200: z.object({
            cards: z.array(
              z.object({
                key: z.string(),
                title: bilingual,
                summary: bilingual,
                count: z.number().nullable(),
                tone: z.enum(cardTones),
                deadline: z.string().nullable(),
                link: z.string(),
                items: z.array(
                  z.object({
                    label: bilingual,
                    detail: bilingual.optional(),
                    link: z.string().optional(),
                    tone: z.enum(cardTones).optional(),
                  }),
                ),
                steps: z
                  .array(z.object({ key: z.string(), label: bilingual, detail: bilingual, link: z.string(), state: z.enum(stepStates) }))
                  .optional(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ cards: await workbenchFor(app, requireActor(request.actor)) }),
  );

  api.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 / change password',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 200: r.ok },
      },
    },
    async (request) => {
      requireActor(request.actor);
      await enforceRateLimit(app.db, authRules.passwordChange, request.ip);
      await changePassword(
        app.db,
        app.database,
        contextOf(request),
        request.sessionTokenHash!,
        request.body.currentPassword,
        request.body.newPassword,
      );
      app.sessions.forgetUser(request.actor!.userId);
      return { ok: true as const };
    },
  );

  api.post(
    '/api/auth/first-password',
    {
      schema: {
        tags: ['auth'],
        summary: '激活后设置密码 / choose the password after signing in with an activation code',
        body: z.object({ newPassword: z.string().min(1).max(200) }),
        response: { 200: r.ok },
      },
    },
    async (request) => {
      requireActor(request.actor);
      await enforceRateLimit(app.db, authRules.passwordChange, request.ip);
      await chooseFirstPassword(app.db, contextOf(request), request.sessionTokenHash!, request.body.newPassword);
      app.sessions.forgetUser(request.actor!.userId);
      return { ok: true as const };
    },
  );

  api.get(
    '/api/audit',
    {
      schema: {
        tags: ['platform'],
        summary: '审计日志（管理员）/ audit log',
        querystring: z.object({
          entity: z.string().max(60).optional(),
          entityId: z.string().max(60).optional(),
          action: z.string().max(60).optional(),
          actorUserId: z.coerce.number().int().positive().optional(),
          institutionId: z.coerce.number().int().positive().optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          beforeId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: r.auditPage },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      // An institution's admin reads its own institution's log; an alliance admin those of the alliance's members.
      const reach = institutionsReached(actor, 'audit.read', await app.scopes.get());
      if (request.query.institutionId && !reach.institutionIds.includes(request.query.institutionId)) throw forbiddenScope();
      const page = await listAudit(app.db, { ...request.query, reach });
      const importTitle = (entity: string) => (app.imports.has(entity) ? app.imports.get(entity).title : null);
      return {
        ...page,
        items: page.items.map((item) => ({
          ...item,
          actionLabel: auditActionLabel(item.action),
          entityLabel: auditEntityLabel(item.entity, importTitle),
        })),
      };
    },
  );

  api.get(
    '/api/audit/actions',
    { schema: { tags: ['platform'], summary: '审计日志的操作名称（用于筛选）/ audit actions by name', response: { 200: r.auditActions } } },
    async (request) => {
      institutionsReached(requireActor(request.actor), 'audit.read', await app.scopes.get());
      return auditActionList();
    },
  );
}
