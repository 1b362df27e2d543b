import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.ts';
import type { AppContext } from './context.ts';
import type { Database } from './db/connection.ts';
import { definePolicy } from './platform/access.ts';
import { attachmentRoutes } from './platform/attachments/routes.ts';
import { AttachmentService } from './platform/attachments/service.ts';
import { openBlobStore } from './platform/attachments/store.ts';
import { ssoRoutes } from './platform/sso/routes.ts';
import { authChangesAfter, findSession, purgeEndedSessions, SessionCache } from './platform/auth.ts';
import { purgeLoginFailures } from './platform/login-guard.ts';
import { AppError } from './platform/errors.ts';
import { consumeEvents } from './platform/events.ts';
import { installErrorHandling, refuseControlCharacters } from './platform/http.ts';
import { purgeExpiredBatches } from './platform/imports/service.ts';
import { purgeRateLimits } from './platform/rate-limit.ts';
import { ImportRegistry } from './platform/imports/registry.ts';
import { accountRoutes } from './platform/accounts/routes.ts';
import { importRoutes } from './platform/imports/routes.ts';
import { IndicatorRegistry } from './platform/indicators/registry.ts';
import { indicatorJob } from './platform/indicators/job.ts';
import { indicatorRoutes } from './platform/indicators/routes.ts';
import { syncIndicatorDefinitions } from './platform/indicators/service.ts';
import { jobRoutes } from './platform/job-routes.ts';
import { notificationRoutes } from './platform/notifications/routes.ts';
import { activationMailKind } from './platform/accounts/activation-mail.ts';
import { NotificationService, type DelivererOptions } from './platform/notifications/service.ts';
import { Scheduler, type SchedulerOptions } from './platform/jobs.ts';
import { defineMessages, localeFromHeader } from './platform/messages.ts';
import type { ModuleManifest } from './platform/module.ts';
import type { PiiCipher } from './platform/pii.ts';
import { cookieNames, platformRoutes } from './platform/routes.ts';
import { ScopeTreeCache } from './platform/scope-cache.ts';
import { modules as allModules } from './modules/index.ts';

/** The built web app; `SITONG_WEB_DIST` points elsewhere (parallel builds in development). */
export const webDist = process.env.SITONG_WEB_DIST
  ? path.resolve(process.env.SITONG_WEB_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const passwordChoiceRoutes = new Set(['/api/auth/me', '/api/auth/first-password', '/api/auth/logout']);

export interface BuiltApp {
  fastify: FastifyInstance;
  context: AppContext;
}

export interface BuildOptions {
  logger?: boolean;
  /** The modules to assemble (default: server/modules/index.ts). */
  modules?: readonly ModuleManifest[];
  scheduler?: SchedulerOptions;
  notifications?: DelivererOptions;
}

export async function buildApp(config: AppConfig, database: Database, pii: PiiCipher, options: BuildOptions = {}): Promise<BuiltApp> {
  const manifests = options.modules ?? allModules;
  const treeOwners = manifests.filter((manifest) => manifest.scopeTree);
  if (treeOwners.length !== 1) throw new Error(`Exactly one module must supply the scope tree (found ${treeOwners.length})`);
  const scopes = new ScopeTreeCache((db) => treeOwners[0]!.scopeTree!(db ?? database.db));
  const context = {
    config,
    database,
    db: database.db,
    pii,
    scopes,
    imports: new ImportRegistry(),
    indicators: new IndicatorRegistry(),
    sessions: new SessionCache(),
    modules: manifests,
  } as AppContext;
  // Failed runs are kept in job_runs; the log gets them too once the server has one.
  let logJobError = (job: string, error: unknown) => {
    if (options.logger) console.error(`job ${job} failed`, error);
  };
  context.jobs = new Scheduler(context, { onError: (job, error) => logJobError(job, error), ...options.scheduler });
  context.notifications = new NotificationService(context, options.notifications);
  context.attachments = new AttachmentService(context, openBlobStore(config));
  context.jobs.register({
    name: 'platform.attachments_cleanup',
    module: 'platform',
    every: 3600,
    title: { 'zh-CN': '附件：清理一天内未提交的暂存文件', en: 'Files: drop staged uploads nobody submitted within a day' },
    run: async (app) => app.attachments.dropAbandoned(),
  });
  context.jobs.register({
    name: 'platform.expired_data',
    module: 'platform',
    every: 3600,
    title: {
      'zh-CN': '清理：删除过期的导入批次（含其加密的行）、已结束的会话与限流记录',
      en: 'Clean-up: delete expired import batches (with their sealed rows), ended sessions and old rate-limit records',
    },
    run: async (app) => {
      await purgeExpiredBatches(app);
      await purgeRateLimits(app.db);
      await purgeLoginFailures(app.db);
      await purgeEndedSessions(app.db, app.config.sessionIdleMinutes);
    },
  });
  context.jobs.register({
    name: 'platform.notification_delivery',
    module: 'platform',
    every: 5,
    title: { 'zh-CN': '通知：投递邮件与群机器人消息（含失败重试）', en: 'Notifications: deliver e-mail and robot messages (with retries)' },
    run: async (app) => app.notifications.drain(),
  });
  context.jobs.register(indicatorJob);
  context.notifications.registerKind(activationMailKind);
  for (const manifest of manifests) {
    for (const kind of manifest.notifications ?? []) context.notifications.registerKind(kind);
    for (const owner of manifest.attachments ?? []) context.attachments.registerOwner(owner);
    definePolicy(manifest.policy);
    defineMessages(manifest.messages);
    for (const definition of manifest.imports?.(context) ?? []) context.imports.register(definition);
    for (const indicator of manifest.indicators ?? []) context.indicators.register(indicator);
    for (const job of manifest.jobs ?? []) context.jobs.register({ ...job, module: manifest.name });
    for (const consumer of manifest.events?.consumes ?? []) {
      context.jobs.register({
        name: consumer.name,
        module: manifest.name,
        title: consumer.title,
        every: consumer.every,
        run: (app) => consumeEvents(app, consumer),
      });
    }
  }
  await syncIndicatorDefinitions(database.db, context.indicators);
  await context.jobs.sync();

  const fastify = Fastify({
    logger: options.logger ? { level: config.logLevel } : false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
  });
  logJobError = (job, error) => fastify.log.error({ err: error, job }, 'job failed');
  // Open live streams would keep the server from closing: end them first. Requests still in flight when
  // closing starts are answered with `Connection: close`, so their kept-alive sockets do not hold the close
  // for the keep-alive timeout (SIGTERM drains them, then the process exits).
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
    await context.notifications.hub.close();
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // Closing the app waits for the job runs in progress (the database closes after it).
  fastify.addHook('onClose', async () => {
    await context.jobs.stop();
    await context.notifications.close();
  });
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  installErrorHandling(fastify, config.bodyLimitBytes);
  refuseControlCharacters(fastify);

  // Security headers, built once: @fastify/helmet re-parsed the policy on every request, which
  // showed as a few per cent of the server's time under a selection rush.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time (CSS-in-JS), so inline styles are allowed; scripts are not.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  // JSON answers above 1 KB are compressed for the browser (brotli at a quick level, or gzip).
  await fastify.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await fastify.register(cookie);
  await fastify.register(multipart, {
    limits: { fileSize: Math.max(config.importMaxBytes, config.attachmentMaxBytes), files: 1, fields: 5 },
  });
  await fastify.register(swagger, {
    openapi: {
      info: { title: 'Sitong 四通 API', version: '0.1.0', description: '专业集群平台接口 / professional-cluster platform API' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: cookieNames(config).session } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await fastify.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const sessionCookieName = cookieNames(config).session;
  fastify.addHook('onRequest', async (request) => {
    // Plain download links cannot set headers, so `?lang=en` may choose the language too.
    const lang = (request.query as Record<string, unknown> | undefined)?.lang;
    request.locale = lang === 'en' || lang === 'zh-CN' ? lang : localeFromHeader(request.headers['accept-language']);
    request.actor = null;
    request.sessionTokenHash = null;
    request.csrfToken = null;
    request.passwordChangeRequired = false;
    // Public documents and checks (/api/public/…) are the same for everyone: no session, so no CSRF token either.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs') || request.url.startsWith('/api/public/')) return;
    const token = request.cookies[sessionCookieName];
    if (token) {
      const session = await context.sessions.find(
        token,
        () => findSession(database, token, config.sessionIdleMinutes),
        (after) => authChangesAfter(database, after),
      );
      if (session) {
        request.actor = session.actor;
        request.sessionTokenHash = session.tokenHash;
        request.csrfToken = session.csrfToken;
        request.passwordChangeRequired = session.passwordChangeRequired;
      }
    }
    // A session opened with an activation code may only choose its password (or sign out) first.
    if (request.passwordChangeRequired && !passwordChoiceRoutes.has(request.url.split('?')[0]!)) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', 'auth.password_change_required');
    }
    // A state-changing request from a session must echo the session's CSRF token in a header,
    // which a page on another site cannot read or set.
    if (!safeMethods.has(request.method) && request.sessionTokenHash && request.url !== '/api/auth/login') {
      const sent = request.headers['x-csrf-token'];
      if (sent !== request.csrfToken) throw new AppError(403, 'CSRF', 'error.csrf');
    }
  });

  fastify.get('/api/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());

  await fastify.register(async (instance) => platformRoutes(instance, context));
  await fastify.register(async (instance) => importRoutes(instance, context));
  await fastify.register(async (instance) => indicatorRoutes(instance, context));
  await fastify.register(async (instance) => jobRoutes(instance, context));
  await fastify.register(async (instance) => notificationRoutes(instance, context));
  await fastify.register(async (instance) => attachmentRoutes(instance, context));
  await fastify.register(async (instance) => accountRoutes(instance, context));
  await fastify.register(async (instance) => ssoRoutes(instance, context));
  for (const manifest of manifests) {
    if (manifest.routes) await fastify.register(async (instance) => manifest.routes!(instance, context));
  }

  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    await fastify.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside each asset: they are sent as they are, never compressed per request.
      preCompressed: true,
      // Hashed assets never change under their name; the app shell is always checked again.
      setHeaders: (response, filePath) => {
        response.header('cache-control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Client-side routes get the app shell; unknown /api paths keep their JSON 404.
    fastify.get('/*', { schema: { hide: true } }, async (request, reply) => {
      // Unknown API paths and missing asset files keep a 404 (an HTML page there would be parsed as a script).
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.callNotFound();
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  return { fastify, context };
}
