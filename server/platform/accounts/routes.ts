/** 用户与权限: the API for accounts, role grants and provisioning from the rosters. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor, roles, scopeTypes } from '../access.ts';
import { contextOf, isoTime } from '../http.ts';
import { codeDeliveries, provisionAccounts } from './provision.ts';
import {
  createUser,
  getUser,
  grantRole,
  listUsers,
  resetAccess,
  revokeGrant,
  setDisabled,
  unlockUser,
  updateUser,
  userStatuses,
} from './service.ts';

const tags = ['accounts'];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const grantInput = z.object({
  role: z.enum(roles),
  scopeType: z.enum(scopeTypes),
  scopeId: z.number().int().positive(),
  validFrom: day.nullable().optional(),
  validUntil: day.nullable().optional(),
});
const grantSchema = z.object({
  id: z.number(),
  role: z.enum(roles),
  scopeType: z.enum(scopeTypes),
  scopeId: z.number(),
  scopeLabel: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  grantedAt: isoTime,
});
const kind = z.enum(['student', 'teacher', 'partner', 'staff']);
const userItem = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  institutionId: z.number().nullable(),
  kind,
  status: z.enum(userStatuses),
  grants: z.array(grantSchema),
  createdAt: isoTime,
});
const oneTimeCode = z.object({ id: z.number(), activationCode: z.string(), expiresAt: isoTime });
const name = z.string().trim().min(1).max(60);
const email = z.string().trim().email().max(200).nullable().optional();

export async function accountRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: '用户列表（按角色、范围、单位、状态筛选）/ users, filtered by role, scope, institution and status',
        querystring: z.object({
          q: z.string().trim().max(60).optional(),
          role: z.enum(roles).optional(),
          scopeType: z.enum(scopeTypes).optional(),
          scopeId: z.coerce.number().int().positive().optional(),
          institutionId: z.coerce.number().int().positive().optional(),
          status: z.enum(userStatuses).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(userItem) }) },
      },
    },
    async (request) => listUsers(app, contextOf(request), request.query),
  );

  api.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: '创建账号（发放一次性激活码）/ create an account, with a one-time activation code',
        body: z.object({
          username: z.string().trim().min(2).max(60),
          displayName: name,
          email,
          institutionId: z.number().int().positive().nullable().optional(),
          grants: z.array(grantInput).max(20).optional(),
        }),
        response: { 201: oneTimeCode.extend({ username: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(app, contextOf(request), request.body)),
  );

  api.get(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '账号详情 / an account',
        params: idParam,
        response: {
          200: userItem.omit({ grants: true }).extend({
            locale: z.enum(['zh-CN', 'en']),
            grants: z.array(grantSchema),
            activation: z.object({ delivery: z.enum(['sheet', 'screen', 'email']), expiresAt: isoTime }).nullable(),
            failedLogins: z.array(z.object({ address: z.string(), failures: z.number(), lastFailedAt: isoTime })),
            passwordChangedAt: isoTime,
          }),
        },
      },
    },
    async (request) => getUser(app, contextOf(request), request.params.id),
  );

  api.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '修改账号资料 / edit an account',
        params: idParam,
        body: z
          .object({
            displayName: name.optional(),
            email,
            institutionId: z.number().int().positive().nullable().optional(),
            locale: z.enum(['zh-CN', 'en']).optional(),
          })
          .refine((body) => Object.keys(body).length > 0),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => updateUser(app, contextOf(request), request.params.id, request.body),
  );

  for (const [path, disabled, summary] of [
    ['disable', true, '停用账号（立即结束其所有会话）/ disable an account, ending its sessions at once'],
    ['enable', false, '启用账号 / enable an account'],
  ] as const) {
    api.post(
      `/api/users/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: idParam,
          body: z.object({ reason: z.string().trim().max(200).nullable().optional() }).optional(),
          response: { 200: z.object({ id: z.number(), disabled: z.boolean() }) },
        },
      },
      async (request) => setDisabled(app, contextOf(request), request.params.id, disabled, request.body?.reason),
    );
  }

  api.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags,
        summary: '解除登录限制 / clear the failed sign-ins',
        params: idParam,
        response: { 200: z.object({ id: z.number(), cleared: z.number() }) },
      },
    },
    async (request) => unlockUser(app, contextOf(request), request.params.id),
  );

  api.post(
    '/api/users/:id/reset',
    {
      schema: {
        tags,
        summary: '重置：原密码作废，发放新的一次性激活码 / reset: the password stops working, a new one-time code',
        params: idParam,
        response: { 200: oneTimeCode },
      },
    },
    async (request) => resetAccess(app, contextOf(request), request.params.id),
  );

  api.post(
    '/api/users/:id/grants',
    {
      schema: {
        tags,
        summary: '授予角色（可设有效期）/ grant a role on a scope, optionally for a period',
        params: idParam,
        body: grantInput,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await grantRole(app, contextOf(request), request.params.id, request.body)),
  );

  api.delete(
    '/api/users/:id/grants/:grantId',
    {
      schema: {
        tags,
        summary: '撤销角色（立即生效）/ revoke a role, at once',
        params: idParam.extend({ grantId: z.coerce.number().int().positive() }),
        response: { 200: z.object({ id: z.number(), revoked: z.literal(true) }) },
      },
    },
    async (request) => revokeGrant(app, contextOf(request), request.params.id, request.params.grantId),
  );

  api.post(
    '/api/accounts/provision',
    {
      schema: {
        tags,
        summary: '按名册开通学生、教师账号，激活码以激活单或邮件发放 / accounts for a roster, the activation codes on a sheet or by e-mail',
        body: z.object({
          institutionId: z.number().int().positive(),
          majorId: z.number().int().positive().optional(),
          classId: z.number().int().positive().optional(),
          kinds: z
            .array(z.enum(['student', 'teacher']))
            .min(1)
            .max(2),
          reissue: z.boolean().optional(),
          /** sheet (default): every code on the .xlsx; email: mailed to those with an address, the rest on the sheet. */
          delivery: z.enum(codeDeliveries).optional(),
        }),
        response: {
          200: z.object({
            summary: z.object({
              created: z.number(),
              reissued: z.number(),
              existing: z.number(),
              scopes: z.number(),
              conflicts: z.array(z.object({ username: z.string(), displayName: z.string(), reason: z.literal('username_taken') })),
              /** Codes sent by e-mail (through the platform's SMTP channel; see the delivery log). */
              mailed: z.number(),
              /** Codes on the sheet: everyone, or with e-mail those without an address. */
              inSheet: z.number(),
            }),
            /** The activation sheet (.xlsx, base64): the codes on it leave only here, once. */
            sheet: z.object({ fileName: z.string(), base64: z.string() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      requireActor(request.actor);
      const { summary, sheet } = await provisionAccounts(app, contextOf(request), request.body, request.locale);
      const stamp = new Date().toISOString().slice(0, 10);
      return {
        summary,
        sheet: sheet
          ? { fileName: `${request.locale === 'en' ? 'activation-sheet' : '账号激活单'}-${stamp}.xlsx`, base64: sheet.toString('base64') }
          : null,
      };
    },
  );
}
