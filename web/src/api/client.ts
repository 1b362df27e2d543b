/**
 * The typed client: paths, parameters, bodies and answers come from the generated schema.d.ts
 * (openapi-typescript), requests go through openapi-fetch with the UI language, the CSRF token on
 * writes and the session cookie. `unwrap` returns the answer or throws an ApiError in the server's words.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, apiLanguage, notifyUnauthorized, readCsrfCookie } from '../api.ts';
import type { paths } from './schema';

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', apiLanguage());
    if (request.method !== 'GET') {
      const csrf = readCsrfCookie();
      if (csrf) request.headers.set('x-csrf-token', csrf);
    }
    return request;
  },
};

export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
client.use(headers);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError with the server's code and message (a 401 also sends the user to log in). */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, 'NETWORK', apiLanguage() === 'en' ? 'Cannot reach the server' : '无法连接服务器');
  }
  const { response } = answer;
  if (response.ok) return answer.data as T;
  const error = (answer.error as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  if (response.status === 401 && !response.url.endsWith('/api/auth/login')) notifyUnauthorized();
  throw new ApiError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? `${response.status} ${response.statusText}`,
    error?.details ?? null,
  );
}
