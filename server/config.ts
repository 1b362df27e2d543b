import path from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  /** The address the public sees (no trailing slash): issuer and status-list URLs inside signed credentials are built on it. */
  publicUrl: string;
  /** Unset means the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  /** Connections to a PostgreSQL server (PGlite is one connection). */
  databasePoolSize: number;
  dataDir: string;
  /** The master-key file (when SITONG_SECRET_KEY is not set); default DATA_DIR/secret.key. */
  keyFile: string;
  /** NODE_ENV=production. */
  production: boolean;
  /** Number of generated demo students (teachers scale with it). */
  demoStudents: number;
  loadDemoData: boolean;
  importMaxBytes: number;
  /** Days an uploaded import batch (its sealed rows) is kept before a job deletes it. */
  importBatchDays: number;
  /** Largest attachment (evidence scans, photos). */
  attachmentMaxBytes: number;
  /** Unset: attachments under dataDir/files; `s3+https://key:secret@host/bucket/prefix?region=…`: an S3-compatible bucket. */
  storageUrl: string | undefined;
  /** A font file with Chinese glyphs (.ttc/.otf/.ttf) for PDF exports; unset: found among the system's fonts. */
  pdfFont: string | undefined;
  bodyLimitBytes: number;
  sessionTtlHours: number;
  /** A session unused this long ends (besides its absolute lifetime). */
  sessionIdleMinutes: number;
  /** Cookies marked Secure (and named `__Host-…`): SECURE_COOKIES=on, or PUBLIC_URL is https. */
  secureCookies: boolean;
  /** Whether the client address comes from X-Forwarded-For (TRUST_PROXY): false, true, a hop count, or addresses/CIDRs. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  logLevel: string;
}

function intFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Environment variable ${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function publicUrlFromEnv(raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw === '') return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Environment variable PUBLIC_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new Error(`Environment variable PUBLIC_URL must be an http(s) URL without query or fragment, got "${raw}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

function storageUrlFromEnv(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('Environment variable STORAGE_URL must look like s3+https://key:secret@host/bucket');
  }
  if (
    !['s3+http:', 's3+https:'].includes(url.protocol) ||
    !url.username ||
    !url.password ||
    url.pathname.split('/').filter(Boolean).length === 0
  ) {
    throw new Error(
      'Environment variable STORAGE_URL must look like s3+https://key:secret@host/bucket (with the access key, its secret and a bucket)',
    );
  }
  return raw;
}

/** Demo data is on by default (the quick start), off in production, and refused there if asked for. */
function demoDataFromEnv(env: NodeJS.ProcessEnv): boolean {
  if (env.NODE_ENV !== 'production') return env.DEMO_DATA !== 'off';
  if (env.DEMO_DATA === 'on')
    throw new Error(
      'NODE_ENV=production 时不能载入演示数据（演示账号的密码是公开的）；请去掉 DEMO_DATA=on / demo data cannot be loaded with NODE_ENV=production (the demo logins share a published password): remove DEMO_DATA=on',
    );
  return false;
}

function trustProxyFromEnv(raw: string | undefined): AppConfig['trustProxy'] {
  if (raw === undefined || raw === '' || raw === 'off' || raw === 'false') return false;
  if (raw === 'on' || raw === 'true') return true;
  // A hop count: the addresses of the nearest n proxies are trusted, the one before them is the client.
  if (/^\d+$/.test(raw)) return (_address: string, hop: number) => hop < Number(raw);
  // A list of proxy addresses or CIDR ranges, as Fastify (proxy-addr) takes it.
  if (/^[0-9a-fA-F:.,/\s]+$/.test(raw)) return raw;
  throw new Error(`Environment variable TRUST_PROXY must be on, off, a hop count, or proxy addresses/CIDRs, got "${raw}"`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const port = intFromEnv('PORT', 3000, env);
  const host = env.HOST || '127.0.0.1';
  return {
    port,
    host,
    publicUrl: publicUrlFromEnv(env.PUBLIC_URL, `http://${host}:${port}`),
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: Math.max(1, intFromEnv('DATABASE_POOL_SIZE', 20, env)),
    dataDir,
    keyFile: path.resolve(env.SITONG_KEY_FILE || path.join(dataDir, 'secret.key')),
    production: env.NODE_ENV === 'production',
    demoStudents: intFromEnv('DEMO_STUDENTS', 12000, env),
    loadDemoData: demoDataFromEnv(env),
    importMaxBytes: intFromEnv('IMPORT_MAX_BYTES', 10 * 1024 * 1024, env),
    importBatchDays: intFromEnv('IMPORT_BATCH_DAYS', 7, env),
    attachmentMaxBytes: intFromEnv('ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, env),
    storageUrl: storageUrlFromEnv(env.STORAGE_URL),
    pdfFont: env.PDF_FONT ? path.resolve(env.PDF_FONT) : undefined,
    bodyLimitBytes: intFromEnv('BODY_LIMIT_BYTES', 1024 * 1024, env),
    sessionTtlHours: intFromEnv('SESSION_TTL_HOURS', 12, env),
    sessionIdleMinutes: Math.max(1, intFromEnv('SESSION_IDLE_MINUTES', 30, env)),
    secureCookies: env.SECURE_COOKIES === 'on' || (env.PUBLIC_URL ?? '').startsWith('https://'),
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
