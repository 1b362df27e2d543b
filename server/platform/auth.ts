import crypto from 'node:crypto';
import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/connection.ts';
import type { Actor, Role, ScopeType } from './access.ts';
import { auditValues, recordAudit, type RequestContext } from './audit.ts';
import { AppError, unauthenticated } from './errors.ts';
import { hitRateLimit } from './rate-limit.ts';
import {
  accountKey,
  addressFailureLimit,
  checkLoginGuard,
  clearLoginFailures,
  guardSql,
  guardVerdict,
  pause,
  recordLoginFailure,
  waitAfter,
  type GuardRow,
} from './login-guard.ts';
import { activationMatches } from './accounts/activation.ts';
import { activationCodes, authChanges, sessions, ssoLogins, users } from './schema.ts';

export const authRules = {
  minPasswordLength: 10,
  /** Password-change requests per client address per minute (kept in the database; failed logins: see login-guard). */
  passwordChange: { name: 'password_change', limit: 10, windowSeconds: 60 },
  setup: { name: 'setup', limit: 10, windowSeconds: 60 },
};

// argon2id with the library's defaults (19 MiB, t=2), the OWASP minimum; tuned once here.
export const argonOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

let commonPasswords: Set<string> | null = null;
/** The passwords too common to accept, shipped with the project (server/platform/common-passwords.txt). */
function common(): Set<string> {
  commonPasswords ??= new Set(
    fs
      .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#')),
  );
  return commonPasswords;
}

export type PasswordProblem = 'too_short' | 'is_username' | 'too_common';

/** What is wrong with a new password: at least 10 characters, not the user name (学号/工号) in any case, not a common one. */
export function passwordProblem(password: string, names: Array<string | null | undefined>): PasswordProblem | null {
  if (password.length < authRules.minPasswordLength) return 'too_short';
  const lowered = password.toLowerCase();
  if (names.some((name) => name && lowered.includes(name.trim().toLowerCase()) && name.trim().length >= 4)) return 'is_username';
  if (common().has(lowered)) return 'too_common';
  return null;
}

export function assertPasswordAcceptable(password: string, names: Array<string | null | undefined>): void {
  const problem = passwordProblem(password, names);
  if (problem) throw new AppError(400, 'WEAK_PASSWORD', `auth.weak_password.${problem}`, { min: authRules.minPasswordLength });
}

/** The one place a password is checked against a stored hash (tests count its calls: every answer costs one). */
export const passwordChecks = {
  verify: (passwordHash: string, password: string): Promise<boolean> => verify(passwordHash, password).catch(() => false),
};

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

let dummyHash: Promise<string> | null = null;
/** A hash of no one's password, checked when there is no real one to check, so that every answer costs the same. */
const noOnesHash = () => (dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex')));

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: number;
  passwordChangeRequired: boolean;
}

interface AccountRow extends GuardRow {
  id: number | string | null;
  username: string;
  display_name: string;
  password_hash: string;
  institution_id: number | string | null;
  teacher_id: number | string | null;
  student_id: number | string | null;
  disabled: boolean;
  activation_pending: boolean;
  code_hash: string | null;
  code_expires_at: Date | string | null;
  local_login_off: boolean;
}

const accountSql = `
  SELECT u.id, u.username, u.display_name, u.password_hash, u.institution_id, u.teacher_id, u.student_id, u.disabled,
         u.activation_pending, c.code_hash, c.expires_at AS code_expires_at,
         -- The institution signs in through its identity providers only (administrators keep the password).
         coalesce(s.local_login = false, false)
           AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'admin') AS local_login_off,
         ${guardSql.columns}
  FROM (SELECT 1) one
  LEFT JOIN users u ON u.username = $1
  LEFT JOIN activation_codes c ON c.user_id = u.id
  LEFT JOIN sign_in_settings s ON s.institution_id = u.institution_id
  ${guardSql.joins}`;

function accountOf(row: AccountRow) {
  const id = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    user: {
      id: Number(row.id),
      username: row.username,
      displayName: row.display_name,
      passwordHash: row.password_hash,
      institutionId: id(row.institution_id),
      teacherId: id(row.teacher_id),
      studentId: id(row.student_id),
      disabled: row.disabled,
      activationPending: row.activation_pending,
    },
    activation: row.code_hash ? { codeHash: row.code_hash, expiresAt: new Date(row.code_expires_at!) } : null,
    localLoginOff: row.local_login_off,
  };
}

const failureLabels = {
  throttled: '尝试过于频繁',
  unknown: '无此账号',
  wrong_password: '密码错误',
  disabled: '账号已停用',
  wrong_activation_code: '激活码错误或已过期',
} as const;

/**
 * Signs in. Unknown name, wrong password, disabled account and an address that must still wait all
 * get the same answer (401, one message) after the same work: one argon2 check (of a dummy hash
 * when there is nothing real to check) and the account's slow-down. Each failure is counted and audited.
 */
export async function login(
  db: Db,
  database: Pick<Database, 'query'>,
  ctx: RequestContext & { userAgent?: string },
  username: string,
  password: string,
  ttlHours: number,
): Promise<LoginResult> {
  const account = accountKey(username);
  const address = ctx.ip ?? 'unknown';
  // The account, its activation code, the institution's sign-in setting and the guard's counters in one
  // prepared statement (one round trip; the row is there even when no account has the name).
  const [row] = await database.query<AccountRow>(accountSql, [username.trim(), account, address], { preparedAs: 'platform_login_account' });
  const found = row?.id === null || row?.id === undefined ? undefined : accountOf(row);
  const guard = guardVerdict(row);
  // An account waiting for activation has no password: the check runs on no one's hash (same cost), and the code decides.
  const passwordVerified = await passwordChecks.verify(
    found && !found.user.activationPending ? found.user.passwordHash : await noOnesHash(),
    password,
  );
  const user = found?.user;
  const activating = Boolean(user?.activationPending);
  const verified = activating ? activationMatches(found?.activation, password) : passwordVerified;
  if (guard.addressWaitSeconds > 0)
    throw new AppError(429, 'TOO_MANY_REQUESTS', 'error.too_many_requests', { seconds: guard.addressWaitSeconds });
  await pause(guard.slowMs);
  // An address that must wait gets no answer from the check (it ran all the same, so the time is alike).
  const valid = guard.waitSeconds === 0 && verified;
  const failure =
    guard.waitSeconds > 0
      ? 'throttled'
      : !user
        ? 'unknown'
        : !valid
          ? activating
            ? 'wrong_activation_code'
            : 'wrong_password'
          : user.disabled
            ? 'disabled'
            : null;
  if (failure) {
    await hitRateLimit(db, addressFailureLimit, address);
    const failures = failure === 'throttled' ? null : await recordLoginFailure(db, account, address);
    await recordAudit(
      db,
      { ...ctx, actor: null },
      {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user?.id ?? null,
        institutionId: user?.institutionId ?? null,
        summary: `登录失败：${username.trim().slice(0, 100)}（${failureLabels[failure]}），来自 ${address}`,
        after: { reason: failure, failures, address, waitSeconds: guard.waitSeconds || waitAfter(failures ?? 0) },
      },
    );
    throw new AppError(401, 'BAD_CREDENTIALS', 'auth.bad_credentials');
  }
  // The right password, but this institution signs in through 统一身份认证: say so (the password was right, so nothing is revealed).
  if (found!.localLoginOff) throw new AppError(403, 'LOCAL_LOGIN_OFF', 'auth.local_login_off');
  return openSession(database, ctx, user!, {
    ttlHours,
    activating,
    clearFailures: guard.failures > 0 ? { account, address } : null,
  });
}

export interface SessionOptions {
  ttlHours: number;
  /** Opened with an activation code: only choosing a password is allowed until one is chosen. */
  activating?: boolean;
  /** The failures of this account and address to clear (a successful password login). */
  clearFailures?: { account: string; address: string } | null;
  /** Opened through an identity provider. */
  sso?: { providerId: number; providerName: string; session: string | null; idToken: string | null };
}

const openSessionSql = `
  WITH cleared AS (
    DELETE FROM login_failures WHERE $1::boolean AND account = $2 AND address = $3
  ), opened AS (
    INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent, password_change_required,
                          identity_provider_id, sso_session, id_token)
    VALUES ($4, $5, $6, $7::timestamptz, $8, $9, $10, $11, $12, $13)
  )
  INSERT INTO audit_log (actor_user_id, actor_name, action, entity, entity_id, institution_id, summary, ip, request_id)
  VALUES ($14, $15, $16, $17, $18, $19, $20, $21, $22)`;

/** A new session for a user who proved who they are (password, activation code or identity provider), with its audit entry. */
export async function openSession(
  database: Pick<Database, 'query'>,
  ctx: RequestContext & { userAgent?: string },
  user: Pick<typeof users.$inferSelect, 'id' | 'username' | 'displayName' | 'institutionId' | 'teacherId' | 'studentId'>,
  options: SessionOptions,
): Promise<LoginResult> {
  const activating = Boolean(options.activating);
  const now = new Date();
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + options.ttlHours * 3_600_000);
  const self = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    institutionId: user.institutionId,
    teacherId: user.teacherId,
    studentId: user.studentId,
    grants: [],
  };
  const cleared = options.clearFailures ?? null;
  const sso = options.sso ?? null;
  const action = sso ? 'auth.login_sso' : activating ? 'auth.login_activation' : 'auth.login';
  const how = sso ? `通过${sso.providerName}登录` : activating ? '用激活码首次登录' : '登录';
  const audit = auditValues(
    { ...ctx, actor: self },
    {
      action,
      entity: 'user',
      entityId: user.id,
      institutionId: user.institutionId,
      summary: `${user.displayName}（${user.username}）${how}`,
    },
  );
  // The session, its audit entry and the cleared failure count in one prepared statement (atomic, one round trip).
  await database.query(
    openSessionSql,
    [
      cleared !== null,
      cleared?.account ?? '',
      cleared?.address ?? '',
      sha256(token),
      user.id,
      csrfToken,
      expiresAt.toISOString(),
      ctx.ip ?? null,
      ctx.userAgent?.slice(0, 300) ?? null,
      activating,
      sso?.providerId ?? null,
      sso?.session ?? null,
      sso?.idToken ?? null,
      audit.actorUserId,
      audit.actorName,
      audit.action,
      audit.entity,
      audit.entityId,
      audit.institutionId,
      audit.summary,
      audit.ip,
      audit.requestId,
    ],
    { preparedAs: 'platform_open_session' },
  );
  return { token, csrfToken, expiresAt, userId: user.id, passwordChangeRequired: activating };
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
  locale: string;
  /** Opened with an activation code: only choosing a password (and signing out) is allowed. */
  passwordChangeRequired: boolean;
}

const sessionSql = `
  SELECT s.csrf_token, s.password_change_required, extract(epoch FROM now() - s.last_seen_at) AS idle_seconds,
         u.id AS user_id, u.username, u.display_name, u.institution_id, u.teacher_id, u.student_id, u.locale, u.disabled,
         (SELECT coalesce(json_agg(json_build_object('role', g.role, 'type', g.scope_type, 'id', g.scope_id)), '[]'::json) FROM role_grants g
          WHERE g.user_id = u.id
            AND (g.valid_from IS NULL OR g.valid_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date)
            AND (g.valid_until IS NULL OR g.valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date)) AS grants
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)`;

interface SessionRow {
  csrf_token: string;
  password_change_required: boolean;
  idle_seconds: number | string;
  user_id: number;
  username: string;
  display_name: string;
  institution_id: number | null;
  teacher_id: number | null;
  student_id: number | null;
  locale: string;
  disabled: boolean;
  grants: Array<{ role: string; type: string; id: number }> | string;
}

const idOrNull = (value: number | string | null) => (value === null ? null : Number(value));

/**
 * The session of a cookie token with its user and grants, in one round trip (every request reads it).
 * A prepared statement: planned afresh, this join cost more than running it.
 */
export async function findSession(database: Pick<Database, 'query'>, token: string, idleMinutes: number): Promise<SessionInfo | null> {
  const tokenHash = sha256(token);
  const [row] = await database.query<SessionRow>(sessionSql, [tokenHash, idleMinutes], { preparedAs: 'platform_find_session' });
  if (!row || row.disabled) return null;
  // In use: the idle clock starts again (written at most once a minute per session).
  if (Number(row.idle_seconds) > 60) await database.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  const grants = (typeof row.grants === 'string' ? JSON.parse(row.grants) : row.grants) as Array<{
    role: string;
    type: string;
    id: number;
  }>;
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    locale: row.locale,
    passwordChangeRequired: row.password_change_required,
    actor: {
      userId: Number(row.user_id),
      username: row.username,
      displayName: row.display_name,
      institutionId: idOrNull(row.institution_id),
      teacherId: idOrNull(row.teacher_id),
      studentId: idOrNull(row.student_id),
      grants: grants.map((grant) => ({ role: grant.role as Role, type: grant.type as ScopeType, id: Number(grant.id) })),
    },
  };
}

/** What ended sessions or changed rights since `after` (a sequence number), read by every server process. */
export interface AuthChange {
  seq: number;
  userId: number | null;
  tokenHash: string | null;
}

export async function authChangesAfter(
  database: Pick<Database, 'query'>,
  after: number | null,
): Promise<{ latest: number; changes: AuthChange[] }> {
  if (after === null) {
    const [row] = await database.query<{ seq: number | string }>('SELECT coalesce(max(seq), 0) AS seq FROM auth_changes');
    return { latest: Number(row!.seq), changes: [] };
  }
  const rows = await database.query<{ seq: number | string; user_id: number | string | null; token_hash: string | null }>(
    'SELECT seq, user_id, token_hash FROM auth_changes WHERE seq > $1 ORDER BY seq',
    [after],
    { preparedAs: 'platform_auth_changes' },
  );
  const changes = rows.map((row) => ({ seq: Number(row.seq), userId: idOrNull(row.user_id), tokenHash: row.token_hash }));
  return { latest: changes.at(-1)?.seq ?? after, changes };
}

/** Records, inside the caller's transaction, that a session ended or a user's rights changed (see SessionCache). */
export async function recordAuthChange(tx: Pick<Db, 'insert'>, change: { userId?: number; tokenHash?: string }): Promise<void> {
  await tx.insert(authChanges).values({ userId: change.userId ?? null, tokenHash: change.tokenHash ?? null });
}

/**
 * Sessions read in the last few seconds, so a burst of requests (a selection rush) does not read
 * the same session row each time. Before a cached session is trusted, the changes recorded since the
 * last look (logout, password change, disabled account, revoked role — by any server process) are
 * read and their sessions dropped, so each takes effect at once everywhere.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: SessionInfo; at: number }>();
  /** Bumped by every forget: a load that started before it must not store what it read. */
  private generation = 0;
  private lastChange: number | null = null;
  constructor(
    private readonly maxAgeMs = 10_000,
    private readonly limit = 100_000,
  ) {}

  async find(
    token: string,
    load: (token: string) => Promise<SessionInfo | null>,
    changesAfter?: (after: number | null) => Promise<{ latest: number; changes: AuthChange[] }>,
  ): Promise<SessionInfo | null> {
    const key = sha256(token);
    if (changesAfter && this.lastChange === null) this.lastChange = (await changesAfter(null)).latest;
    let hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.maxAgeMs && changesAfter) {
      const { latest, changes } = await changesAfter(this.lastChange);
      for (const change of changes) {
        if (change.tokenHash) this.forget(change.tokenHash);
        if (change.userId !== null) this.forgetUser(change.userId);
      }
      this.lastChange = Math.max(this.lastChange ?? 0, latest);
      hit = this.entries.get(key);
    }
    if (hit && Date.now() - hit.at < this.maxAgeMs) return hit.session;
    const startedAt = this.generation;
    const session = await load(token);
    if (this.entries.size >= this.limit) this.entries.clear();
    if (session && startedAt === this.generation) this.entries.set(key, { session, at: Date.now() });
    else this.entries.delete(key);
    return session;
  }

  forget(tokenHash: string): void {
    this.generation += 1;
    this.entries.delete(tokenHash);
  }

  forgetUser(userId: number): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) if (entry.session.actor.userId === userId) this.entries.delete(key);
  }
}

/** Ends the session; says which identity provider opened it (its own session may end too). */
export async function logout(
  db: Db,
  ctx: RequestContext,
  tokenHash: string,
): Promise<{ identityProviderId: number | null; idToken: string | null }> {
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(sessions)
      .where(eq(sessions.tokenHash, tokenHash))
      .returning({ identityProviderId: sessions.identityProviderId, idToken: sessions.idToken });
    await recordAuthChange(tx, { tokenHash });
    await recordAudit(tx, ctx, {
      action: 'auth.logout',
      entity: 'user',
      entityId: ctx.actor?.userId,
      institutionId: ctx.actor?.institutionId,
    });
    return { identityProviderId: ended?.identityProviderId ?? null, idToken: ended?.idToken ?? null };
  });
}

export async function changePassword(
  db: Db,
  database: Pick<Database, 'query'>,
  ctx: RequestContext,
  currentTokenHash: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw unauthenticated();
  // A wrong current password counts like a failed login, so a stolen session cannot guess the password.
  const account = accountKey(user.username);
  const address = ctx.ip ?? 'unknown';
  const guard = await checkLoginGuard(database, account, address);
  if (guard.waitSeconds > 0) throw new AppError(429, 'TOO_MANY_REQUESTS', 'error.too_many_requests', { seconds: guard.waitSeconds });
  const [valid] = await Promise.all([passwordChecks.verify(user.passwordHash, currentPassword), pause(guard.slowMs)]);
  if (!valid) {
    const failures = await recordLoginFailure(db, account, address);
    await recordAudit(db, ctx, {
      action: 'auth.password_change_failed',
      entity: 'user',
      entityId: user.id,
      institutionId: user.institutionId,
      summary: `${user.displayName} 修改密码时当前密码不正确（第 ${failures} 次），来自 ${address}`,
      after: { failures, address },
    });
    throw new AppError(400, 'WRONG_PASSWORD', 'auth.wrong_current_password');
  }
  assertPasswordAcceptable(newPassword, [user.username]);
  if (newPassword === currentPassword) throw new AppError(400, 'SAME_PASSWORD', 'auth.same_password');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), demoPassword: false }).where(eq(users.id, user.id));
    // Other sessions of this user end: a stolen session does not survive a password change.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, currentTokenHash)));
    await recordAuthChange(tx, { userId: user.id });
    await clearLoginFailures(tx, account, address);
    await recordAudit(tx, ctx, {
      action: 'auth.password_changed',
      entity: 'user',
      entityId: user.id,
      institutionId: user.institutionId,
      summary: `${user.displayName} 修改了密码`,
    });
  });
}

/**
 * The password chosen in the session an activation code opened: the code is used up, the account is
 * active, and the session may do everything its grants allow.
 */
export async function chooseFirstPassword(db: Db, ctx: RequestContext, tokenHash: string, newPassword: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const [session] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  if (!session?.passwordChangeRequired) throw new AppError(409, 'NO_ACTIVATION', 'auth.no_activation');
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw unauthenticated();
  assertPasswordAcceptable(newPassword, [user.username]);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), activationPending: false, demoPassword: false, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await tx.delete(activationCodes).where(eq(activationCodes.userId, user.id));
    await tx.update(sessions).set({ passwordChangeRequired: false }).where(eq(sessions.tokenHash, tokenHash));
    // Any other session of this account ends; this one is read afresh by every process.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, tokenHash)));
    await recordAuthChange(tx, { userId: user.id });
    await recordAudit(tx, ctx, {
      action: 'auth.activated',
      entity: 'user',
      entityId: user.id,
      institutionId: user.institutionId,
      summary: `${user.displayName}（${user.username}）激活账号并设置了密码`,
    });
  });
}

/** Ended sessions, and the auth changes every process has long read (run by the platform's clean-up job). */
export async function purgeEndedSessions(db: Db, idleMinutes: number): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`)));
  await db.delete(authChanges).where(lt(authChanges.at, sql`now() - interval '1 day'`));
  await db.delete(ssoLogins).where(lt(ssoLogins.expiresAt, sql`now()`));
}
