import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../errors.ts';
import { contextOf, idParam, isoTime, positiveId } from '../http.ts';
import { cookieNames } from '../routes.ts';
import { completeSignIn, singleLogout, startSignIn } from './flow.ts';
import { createProvider, listProviders, publicProviders, setLocalLogin, updateProvider } from './providers.ts';

const tags = ['auth'];

const provider = z.object({
  id: z.number(),
  institutionId: z.number(),
  protocol: z.enum(['oidc', 'cas']),
  name: z.string(),
  nameEn: z.string().nullable(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  hasClientSecret: z.boolean(),
  scopes: z.string(),
  casUrl: z.string().nullable(),
  accountClaim: z.string(),
  enabled: z.boolean(),
  callbackUrl: z.string(),
  updatedAt: isoTime,
});

const claimName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_:.\-/]*$/, '声明名只含字母、数字和 _ : . - / / a claim name: letters, digits and _ : . - /');

const providerFields = {
  protocol: z.enum(['oidc', 'cas']),
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(60).nullable().optional(),
  issuer: z.string().trim().max(300).nullable().optional(),
  clientId: z.string().trim().min(1).max(200).nullable().optional(),
  clientSecret: z.string().min(1).max(500).nullable().optional(),
  scopes: z
    .string()
    .trim()
    .max(200)
    .regex(/^openid( [A-Za-z0-9_:.\-/]+)*$/, '须以 openid 开头，空格分隔 / must start with openid, separated by spaces')
    .optional(),
  casUrl: z.string().trim().max(300).nullable().optional(),
  accountClaim: claimName,
  enabled: z.boolean().optional(),
};

/** A browser that followed the provider back here gets the sign-in page with the problem named, not a JSON body. */
function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function failedSignIn(reply: FastifyReply, error: unknown) {
  if (error instanceof AppError && error.status < 500) {
    const reason = (error.details as { reason?: string } | null)?.reason ?? 'invalid_response';
    return reply.redirect(`/login?ssoError=${encodeURIComponent(reason)}`, 303);
  }
  if (error instanceof AppError) return reply.redirect(`/login?ssoError=unreachable`, 303);
  throw error;
}

export async function ssoRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();
  const { session: sessionCookie, csrf: csrfCookie } = cookieNames(app.config);
  const cookieOptions = { path: '/', sameSite: 'strict' as const, secure: app.config.secureCookies };

  // The CAS server's single-logout call is a form post (logoutRequest=<samlp:LogoutRequest …>).
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  api.get(
    '/api/public/sign-in-options',
    {
      schema: {
        tags,
        summary: '登录页可用的统一身份认证 / identity providers offered on the sign-in page',
        response: {
          200: z.object({
            providers: z.array(
              z.object({
                id: z.number(),
                protocol: z.enum(['oidc', 'cas']),
                name: z.string(),
                nameEn: z.string().nullable(),
                institutionId: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ providers: await publicProviders(app) }),
  );

  api.get(
    '/api/auth/sso/:id/start',
    {
      schema: {
        tags,
        summary: '转到统一身份认证登录 / go to the identity provider to sign in',
        params: idParam,
        querystring: z.object({ returnTo: z.string().max(500).optional() }),
      },
    },
    async (request, reply) => {
      try {
        return reply.redirect(await startSignIn(app, request.params.id, request.query.returnTo), 302);
      } catch (error) {
        if (wantsPage(request)) return failedSignIn(reply, error);
        throw error;
      }
    },
  );

  api.get(
    '/api/auth/sso/callback',
    {
      schema: {
        tags,
        summary: '统一身份认证返回 / the identity provider sends the browser back',
        querystring: z.object({
          state: z.string().max(200).optional(),
          s: z.string().max(200).optional(),
          code: z.string().max(2000).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(500).optional(),
          ticket: z.string().max(500).optional(),
          iss: z.string().max(300).optional(),
          session_state: z.string().max(500).optional(),
        }),
      },
    },
    async (request, reply) => {
      try {
        const raw = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
        const result = await completeSignIn(
          app,
          { ...contextOf(request), userAgent: request.headers['user-agent'] },
          { ...request.query, raw },
        );
        reply.setCookie(sessionCookie, result.token, { ...cookieOptions, httpOnly: true, expires: result.expiresAt });
        reply.setCookie(csrfCookie, result.csrfToken, { ...cookieOptions, httpOnly: false, expires: result.expiresAt });
        return reply.redirect(result.returnTo, 303);
      } catch (error) {
        if (wantsPage(request)) return failedSignIn(reply, error);
        throw error;
      }
    },
  );

  api.post(
    '/api/auth/sso/callback',
    {
      schema: {
        tags,
        summary: 'CAS 单点退出通知 / CAS single logout (the CAS server names the ticket of a sign-in it ended)',
        body: z.object({ logoutRequest: z.string().min(1).max(60_000) }),
        response: { 200: z.object({ ended: z.number() }) },
      },
    },
    async (request) => {
      const ended = await singleLogout(app, contextOf(request), request.body.logoutRequest);
      for (const tokenHash of ended) app.sessions.forget(tokenHash);
      return { ended: ended.length };
    },
  );

  api.get(
    '/api/identity-providers',
    {
      schema: {
        tags,
        summary: '统一身份认证设置 / identity providers and password sign-in per institution',
        response: {
          200: z.object({
            callbackUrl: z.string(),
            providers: z.array(provider),
            institutions: z.array(z.object({ institutionId: z.number(), localLogin: z.boolean() })),
          }),
        },
      },
    },
    async (request) => listProviders(app, contextOf(request)),
  );

  api.post(
    '/api/identity-providers',
    {
      schema: {
        tags,
        summary: '新增统一身份认证 / add an identity provider',
        body: z.object({ institutionId: positiveId, ...providerFields }),
        response: { 201: provider },
      },
    },
    async (request, reply) => reply.status(201).send(await createProvider(app, contextOf(request), request.body)),
  );

  api.patch(
    '/api/identity-providers/:id',
    {
      schema: {
        tags,
        summary: '修改统一身份认证 / change an identity provider',
        params: idParam,
        body: z.object(providerFields),
        response: { 200: provider },
      },
    },
    async (request) => updateProvider(app, contextOf(request), request.params.id, request.body),
  );

  api.put(
    '/api/sign-in-settings/:id',
    {
      schema: {
        tags,
        summary: '本校是否允许密码登录 / whether an institution’s people may sign in with a password',
        params: idParam,
        body: z.object({ localLogin: z.boolean() }),
        response: { 200: z.object({ institutionId: z.number(), localLogin: z.boolean() }) },
      },
    },
    async (request) => setLocalLogin(app, contextOf(request), request.params.id, request.body.localLogin),
  );
}
