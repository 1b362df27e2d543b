import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, lt, ne } from 'drizzle-orm';
import type { Database, Db } from '../db/connection.ts';
import type { Actor, Role, ScopeType } from './access.ts';
import { recordAudit, type RequestContext } from './audit.ts';
import { AppError, unauthenticated } from './errors.ts';
import { sessions, users } from './schema.ts';

export const authRules = {
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  minPasswordLength: 8,
  /** Login attempts per client address per window before 429. */
  attemptsPerWindow: 20,
  windowSeconds: 60,
};

// argon2id with the library's defaults (19 MiB, t=2), the OWASP minimum; tuned once here.
const argonOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export function checkPasswordStrength(password: string): boolean {
  return password.length >= authRules.minPasswordLength && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
}

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** Counts attempts per key in a fixed window; in memory, which is right for one server process. */
export class AttemptLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Returns seconds to wait when over the limit, else null (and counts the attempt). */
  hit(key: string, now = Date.now()): number | null {
    const current = this.windows.get(key);
    if (!current || now - current.startedAt >= this.windowMs) {
      this.windows.set(key, { startedAt: now, count: 1 });
      if (this.windows.size > 10_000) this.prune(now);
      return null;
    }
    current.count += 1;
    if (current.count > this.limit) return Math.ceil((current.startedAt + this.windowMs - now) / 1000);
    return null;
  }

  private prune(now: number) {
    for (const [key, value] of this.windows) if (now - value.startedAt >= this.windowMs) this.windows.delete(key);
  }
}

let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: number;
}

export async function login(
  db: Db,
  ctx: RequestContext & { userAgent?: string },
  username: string,
  password: string,
  ttlHours: number,
): Promise<LoginResult> {
  const [user] = await db.select().from(users).where(eq(users.username, username.trim()));
  if (!user) {
    // Spend the same time as a real check so that usernames cannot be probed by timing.
    dummyHash ??= hashPassword('not-a-real-password-1');
    await verify(await dummyHash, password).catch(() => false);
    throw new AppError(401, 'BAD_CREDENTIALS', 'auth.bad_credentials');
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError(423, 'ACCOUNT_LOCKED', 'auth.locked', { minutes });
  }
  if (user.disabled) throw new AppError(403, 'ACCOUNT_DISABLED', 'auth.disabled');
  const valid = await verify(user.passwordHash, password).catch(() => false);
  if (!valid) {
    const failures = user.failedLoginCount + 1;
    if (failures >= authRules.maxFailedLogins) {
      const lockedUntil = new Date(now.getTime() + authRules.lockoutMinutes * 60_000);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ failedLoginCount: 0, lockedUntil }).where(eq(users.id, user.id));
        await recordAudit(
          tx,
          { ...ctx, actor: null },
          {
            action: 'auth.locked',
            entity: 'user',
            entityId: user.id,
            institutionId: user.institutionId,
            summary: `账号 ${user.username} 连续 ${failures} 次登录失败，锁定至 ${lockedUntil.toISOString()}`,
            after: { lockedUntil },
          },
        );
      });
      throw new AppError(423, 'ACCOUNT_LOCKED', 'auth.locked', { minutes: authRules.lockoutMinutes });
    }
    await db.update(users).set({ failedLoginCount: failures }).where(eq(users.id, user.id));
    throw new AppError(401, 'BAD_CREDENTIALS', 'auth.bad_credentials');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(lt(sessions.expiresAt, now));
    await tx.insert(sessions).values({
      tokenHash: sha256(token),
      userId: user.id,
      csrfToken,
      expiresAt,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    });
    const self = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      institutionId: user.institutionId,
      teacherId: user.teacherId,
      studentId: user.studentId,
      grants: [],
    };
    await recordAudit(
      tx,
      { ...ctx, actor: self },
      {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        institutionId: user.institutionId,
        summary: `${user.displayName}（${user.username}）登录`,
      },
    );
  });
  return { token, csrfToken, expiresAt, userId: user.id };
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
  locale: string;
}

const sessionSql = `
  SELECT s.csrf_token, u.id AS user_id, u.username, u.display_name, u.institution_id, u.teacher_id, u.student_id, u.locale, u.disabled,
         (SELECT coalesce(json_agg(json_build_object('role', g.role, 'type', g.scope_type, 'id', g.scope_id)), '[]'::json) FROM role_grants g WHERE g.user_id = u.id) AS grants
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = $1 AND s.expires_at > now()`;

interface SessionRow {
  csrf_token: string;
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
export async function findSession(database: Pick<Database, 'query'>, token: string): Promise<SessionInfo | null> {
  const tokenHash = sha256(token);
  const [row] = await database.query<SessionRow>(sessionSql, [tokenHash], { preparedAs: 'platform_find_session' });
  if (!row || row.disabled) return null;
  const grants = (typeof row.grants === 'string' ? JSON.parse(row.grants) : row.grants) as Array<{
    role: string;
    type: string;
    id: number;
  }>;
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    locale: row.locale,
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

/**
 * Sessions read in the last few seconds, so a burst of requests (a selection rush) does not read
 * the same session row each time. Logout and password change clear entries at once on this
 * server; another server sharing the database sees them within `maxAgeMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: SessionInfo; at: number }>();
  /** Bumped by every forget: a load that started before it must not store what it read. */
  private generation = 0;
  constructor(
    private readonly maxAgeMs = 10_000,
    private readonly limit = 100_000,
  ) {}

  async find(token: string, load: (token: string) => Promise<SessionInfo | null>): Promise<SessionInfo | null> {
    const key = sha256(token);
    const hit = this.entries.get(key);
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

export async function logout(db: Db, ctx: RequestContext, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await recordAudit(tx, ctx, {
      action: 'auth.logout',
      entity: 'user',
      entityId: ctx.actor?.userId,
      institutionId: ctx.actor?.institutionId,
    });
  });
}

export async function changePassword(
  db: Db,
  ctx: RequestContext,
  currentTokenHash: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw unauthenticated();
  if (!(await verify(user.passwordHash, currentPassword).catch(() => false))) {
    throw new AppError(400, 'WRONG_PASSWORD', 'auth.wrong_current_password');
  }
  if (!checkPasswordStrength(newPassword)) {
    throw new AppError(400, 'WEAK_PASSWORD', 'auth.weak_password', { min: authRules.minPasswordLength });
  }
  if (newPassword === currentPassword) throw new AppError(400, 'SAME_PASSWORD', 'auth.same_password');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    // Other sessions of this user end: a stolen session does not survive a password change.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, currentTokenHash)));
    await recordAudit(tx, ctx, {
      action: 'auth.password_changed',
      entity: 'user',
      entityId: user.id,
      institutionId: user.institutionId,
      summary: `${user.displayName} 修改了密码`,
    });
  });
}
