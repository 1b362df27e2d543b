import { entityName, translate, type Locale, type MessageKey, type MessageParams } from './messages.ts';

/** A failure the caller can act on: carries an HTTP status, a stable code and a translatable message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    readonly details: unknown = null,
  ) {
    super(`${code}: ${messageKey}`);
  }

  localized(locale: Locale): { code: string; message: string; details: unknown } {
    const params: MessageParams = { ...this.params };
    if (typeof params.entity === 'string') params.entity = entityName(params.entity, locale);
    return { code: this.code, message: translate(this.messageKey, locale, params), details: this.details };
  }
}

export const notFound = (entity: string, id: string | number) => new AppError(404, 'NOT_FOUND', 'error.not_found', { entity, id });
export const forbidden = () => new AppError(403, 'FORBIDDEN', 'error.forbidden');
export const forbiddenScope = () => new AppError(403, 'FORBIDDEN', 'error.forbidden_scope');
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', 'error.unauthenticated');
export const duplicate = (entity: string, code: string) => new AppError(409, 'DUPLICATE', 'error.conflict_duplicate', { entity, code });
export const invalidReference = (entity: string, field: string) =>
  new AppError(422, 'INVALID_REFERENCE', 'error.invalid_reference', { entity }, { field });
export const badRequest = (code: string, key: MessageKey, params: MessageParams = {}, details: unknown = null) =>
  new AppError(400, code, key, params, details);
export const unprocessable = (code: string, key: MessageKey, params: MessageParams = {}, details: unknown = null) =>
  new AppError(422, code, key, params, details);
export const conflict = (code: string, key: MessageKey, params: MessageParams = {}, details: unknown = null) =>
  new AppError(409, code, key, params, details);
