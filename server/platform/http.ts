import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from './access.ts';
import type { RequestContext } from './audit.ts';
import { AppError } from './errors.ts';
import { localeFromHeader, translate, type Locale } from './messages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    sessionTokenHash: string | null;
    /** The session was opened with an activation code and must choose a password first. */
    passwordChangeRequired: boolean;
    csrfToken: string | null;
  }
}

export function contextOf(request: FastifyRequest): RequestContext {
  return { actor: request.actor, ip: request.ip, requestId: request.id };
}

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

interface ValidationIssue {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
  keyword: string;
}

function describeIssue(issue: ValidationIssue, locale: Locale, where: string) {
  const raw = { ...issue.params, code: issue.keyword, path: issue.instancePath.split('/').filter(Boolean) };
  let message = issue.message ?? '';
  // Our own messages are written "中文 / English": the half in the reader's language is kept as it is.
  const bilingual = /^(.*[\u4e00-\u9fff].*?) \/ (.+)$/.exec(message);
  if (bilingual)
    return { path: `${where}${issue.instancePath.replace(/\//g, '.')}`, message: locale === 'en' ? bilingual[2]! : bilingual[1]! };
  try {
    const localeError = zodLocales[locale].localeError as (input: unknown) => string | { message: string } | undefined;
    const formatted = localeError(raw);
    if (formatted) message = typeof formatted === 'string' ? formatted : formatted.message;
  } catch {
    // keep zod's own English message
  }
  // zod does not keep the received value, so its "received undefined" tail would mislead.
  message = message.replace(/，实际接收 undefined$/, '').replace(/, received undefined$/, '');
  const path = `${where}${issue.instancePath.replace(/\//g, '.')}`;
  return { path, message };
}

export function sendError(reply: FastifyReply, locale: Locale, status: number, body: { code: string; message: string; details: unknown }) {
  return reply.status(status).send({ error: body });
}

function postgresError(error: unknown): { code: string; constraint?: string; detail?: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as { code?: unknown; constraint?: unknown; detail?: unknown; cause?: unknown };
  if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
    return { code: candidate.code, constraint: candidate.constraint as string | undefined, detail: candidate.detail as string | undefined };
  }
  if (candidate.cause) return postgresError(candidate.cause);
  return null;
}

export function installErrorHandling(app: FastifyInstance, bodyLimit: number) {
  app.setErrorHandler((error: unknown, request, reply) => {
    const locale = request.locale ?? localeFromHeader(request.headers['accept-language']);
    if (error instanceof AppError) {
      if (error.status >= 500)
        request.log.error({ err: error, cause: (error as Error & { cause?: unknown }).cause }, 'service unavailable');
      return sendError(reply, locale, error.status, error.localized(locale));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext ?? 'body';
      const details = (error.validation as unknown as ValidationIssue[]).map((issue) => describeIssue(issue, locale, where));
      return sendError(reply, locale, 400, { code: 'VALIDATION_FAILED', message: translate('error.validation', locale), details });
    }
    const fastifyError = error as { code?: string; statusCode?: number; message?: string };
    switch (fastifyError.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, locale, 400, { code: 'MALFORMED_JSON', message: translate('error.malformed_json', locale), details: null });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, locale, 413, {
          code: 'BODY_TOO_LARGE',
          message: translate('error.body_too_large', locale, { limit: request.routeOptions?.bodyLimit ?? bodyLimit }),
          details: null,
        });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return sendError(reply, locale, 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: translate('error.unsupported_media_type', locale),
          details: null,
        });
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
        return sendError(reply, locale, 413, {
          code: 'FILE_TOO_LARGE',
          message: translate('import.too_large', locale, { limitMb: Math.round(bodyLimit / 1048576) }),
          details: null,
        });
    }
    const pgError = postgresError(error);
    if (pgError) {
      if (pgError.code === '23505') {
        return sendError(reply, locale, 409, {
          code: 'DUPLICATE',
          message: translate('error.conflict_unique', locale),
          details: { constraint: pgError.constraint },
        });
      }
      if (pgError.code === '23503') {
        return sendError(reply, locale, 409, {
          code: 'IN_USE',
          message: translate('error.conflict_unique_reference', locale),
          details: { constraint: pgError.constraint },
        });
      }
      if (['22P02', '22003', '22007', '22008', '23514', '22001'].includes(pgError.code)) {
        return sendError(reply, locale, 400, {
          code: 'VALIDATION_FAILED',
          message: translate('error.validation', locale),
          details: { constraint: pgError.constraint },
        });
      }
    }
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return sendError(reply, locale, fastifyError.statusCode, {
        code: fastifyError.code ?? 'BAD_REQUEST',
        message: translate('error.validation', locale),
        details: fastifyError.message ?? null,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, locale, 500, { code: 'INTERNAL', message: translate('error.internal', locale), details: null });
  });

  app.setNotFoundHandler((request, reply) => {
    const locale = request.locale ?? localeFromHeader(request.headers['accept-language']);
    return sendError(reply, locale, 404, {
      code: 'ROUTE_NOT_FOUND',
      message: translate('error.route_not_found', locale, { method: request.method, url: request.url.split('?')[0] ?? '' }),
      details: null,
    });
  });
}

/** Zod pieces shared by route schemas. */
export const positiveId = z
  .number()
  .int()
  .positive()
  .max(2 ** 53 - 1);
/** A web address people will open: http or https only (never data:, javascript: or file:). */
export const httpUrl = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength)
    .pipe(z.url({ protocol: /^https?$/, error: '只接受 http:// 或 https:// 开头的网址 / only http:// or https:// addresses' }));
export const idParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
});
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
/** Text in both languages, in a response. */
export const bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });
/** A point in time in a response: a Date (sent as ISO 8601) or a string that already is one. */
export const isoTime = z.union([z.date(), z.string()]);
/** A calendar date in a response (YYYY-MM-DD, as PostgreSQL's date columns come back). */
export const isoDateText = z.string();
/** A page of a server-paged list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) });

export function sendFile(reply: FastifyReply, fileName: string, contentType: string, body: Buffer) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type { FastifyRequest, FastifyReply };

// Text may carry tabs and line breaks (notes, descriptions); no other C0 control character or DEL.
const controlInText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const controlInName = /[\u0000-\u001F\u007F]/;

/** The path of the first string (or object key) holding a control character, or null. */
export function findControlCharacter(value: unknown, path: string, pattern = controlInText, depth = 0): string | null {
  if (typeof value === 'string') return pattern.test(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findControlCharacter(value[index], `${path}[${index}]`, pattern, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (controlInName.test(key)) return path;
    const found = findControlCharacter(child, `${path}.${key}`, pattern, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses NUL and other control characters in every text input of the API, before any route sees
 * it: PostgreSQL refuses NUL in text (a 500 otherwise), and none of them belongs in a name or code.
 */
export function refuseControlCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const field =
      findControlCharacter(request.params, 'params', controlInName) ??
      findControlCharacter(request.query, 'query', controlInName) ??
      findControlCharacter(request.body, 'body');
    if (field) throw new AppError(400, 'CONTROL_CHARACTER', 'error.control_character', { field }, { field });
  });
}
