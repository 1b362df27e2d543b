import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '../../server/app.ts';
import { readConfig, type AppConfig } from '../../server/config.ts';
import type { AppContext } from '../../server/context.ts';
import { openDatabase, type Database } from '../../server/db/connection.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { demoPassword, templateDatabase, testMasterKey } from './constants.ts';

export interface TestApp {
  fastify: FastifyInstance;
  context: AppContext;
  database: Database;
  kind: 'pglite' | 'postgres';
  /** On PostgreSQL: the address of this test's own database (for a second server process). */
  databaseUrl: string | null;
  /** Logs a demo user in and returns a client that sends their cookie and CSRF token. */
  login(username: string, password?: string): Promise<TestClient>;
  anonymous: TestClient;
  /** A client for an existing session (e.g. from seedStudentSessions). */
  withSession(cookie: string, csrfToken: string): TestClient;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The number in one column (default `id`) of the first row a query returns. */
  number(text: string, column?: string): Promise<number>;
  close(): Promise<void>;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  payload?: unknown;
  rawBody?: string | Buffer;
}

export interface TestClient {
  request(method: string, url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
  get(url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, options?: RequestOptions): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown, options?: RequestOptions): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown, options?: RequestOptions): Promise<LightMyRequestResponse>;
  upload(url: string, fileName: string, data: Buffer, options?: RequestOptions): Promise<LightMyRequestResponse>;
  csrfToken: string | null;
  /** The session cookie (`sitong_session=…`), for requests made over a real connection. */
  cookie: string | null;
}

function multipartBody(fileName: string, data: Buffer) {
  const boundary = `----sitong${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

function client(fastify: FastifyInstance, cookie: string | null, csrfToken: string | null): TestClient {
  const request = async (method: string, url: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (cookie) headers.cookie = cookie;
    if (csrfToken && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in headers)) headers['x-csrf-token'] = csrfToken;
    if (options.rawBody !== undefined) {
      return fastify.inject({ method: method as 'GET', url, headers, payload: options.rawBody });
    }
    return fastify.inject({ method: method as 'GET', url, headers, payload: options.payload as object | undefined });
  };
  return {
    csrfToken,
    cookie,
    request,
    get: (url, options) => request('GET', url, options),
    post: (url, payload, options) => request('POST', url, { ...options, payload }),
    patch: (url, payload, options) => request('PATCH', url, { ...options, payload }),
    put: (url, payload, options) => request('PUT', url, { ...options, payload }),
    upload: (url, fileName, data, options) => {
      const { body, contentType } = multipartBody(fileName, data);
      return request('POST', url, { ...options, headers: { 'content-type': contentType, ...(options?.headers ?? {}) }, rawBody: body });
    },
  };
}

/** A fresh copy of the migrated, demo-seeded template database and an app on it (no network listener). */
export async function createTestApp(overrides: Partial<AppConfig> = {}, build: Omit<BuildOptions, 'logger'> = {}): Promise<TestApp> {
  const kind = inject('dbKind');
  let database: Database;
  let dropDatabase: (() => Promise<void>) | null = null;
  let databaseUrl: string | null = null;
  if (kind === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteTemplate'));
    database = await openDatabase({ loadDataDir: new Blob([dump]) });
  } else {
    const baseUrl = inject('postgresUrl');
    const name = `t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    database = await openDatabase({ databaseUrl, poolSize: 10 });
    dropDatabase = async () => {
      const again = new pg.Client({ connectionString: baseUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    };
  }
  const config: AppConfig = { ...readConfig({} as NodeJS.ProcessEnv), dataDir: '.tmp/test-unused', loadDemoData: false, ...overrides };
  const { fastify, context } = await buildApp(config, database, new PiiCipher(testMasterKey), build);
  await fastify.ready();
  return {
    fastify,
    context,
    database,
    kind,
    databaseUrl,
    anonymous: client(fastify, null, null),
    async login(username, password = demoPassword) {
      const response = await fastify.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      const session = response.cookies.find((c) => c.name === 'sitong_session')!;
      return client(fastify, `sitong_session=${session.value}`, response.json().csrfToken);
    },
    withSession: (cookie, csrfToken) => client(fastify, cookie, csrfToken),
    sql: (text, params) => database.query(text, params),
    number: async (text, column = 'id') => Number((await database.query<Record<string, unknown>>(text))[0]![column]),
    async close() {
      await fastify.close();
      await database.close();
      await dropDatabase?.();
    },
  };
}
