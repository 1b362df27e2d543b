/**
 * 用户与权限: accounts and role grants, managed by administrators within the scopes they hold
 * `users.manage` on. Every change is audited with before and after; a disable, a reset or a revoke is
 * recorded in auth_changes, so it takes effect at once on every server process.
 */
import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import {
  authorize,
  can,
  institutionsReached,
  requireActor,
  roles,
  type Actor,
  type Role,
  type ScopeRef,
  type ScopeType,
} from '../access.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { recordAuthChange } from '../auth.ts';
import { AppError, conflict, forbiddenScope, notFound } from '../errors.ts';
import { accountKey, loginRules } from '../login-guard.ts';
import { activationCodes, loginFailures, roleGrants, sessions, users } from '../schema.ts';
import { activationCodeHash, activationRules, newActivationCode, noPasswordYet } from './activation.ts';
import { codeReplaced } from './activation-mail.ts';

export const userStatuses = ['active', 'pending', 'disabled', 'locked'] as const;
export type UserStatus = (typeof userStatuses)[number];

export interface GrantInput {
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
  validFrom?: string | null;
  validUntil?: string | null;
}

export interface UserQuery {
  q?: string;
  role?: Role;
  scopeType?: ScopeType;
  scopeId?: number;
  institutionId?: number;
  status?: UserStatus;
  page: number;
  pageSize: number;
}

const usernamePattern = /^[A-Za-z0-9._@-]{2,60}$/;

/** Failures from one address that make an account "locked" for that address (see login-guard). */
const lockedSql = sql`EXISTS (SELECT 1 FROM login_failures f WHERE f.account = lower(${users.username})
  AND f.failures >= ${loginRules.freeFailures} AND f.last_failed_at > now() - interval '1 day')`;

function statusCondition(status: UserStatus): SQL {
  switch (status) {
    case 'disabled':
      return eq(users.disabled, true);
    case 'pending':
      return and(eq(users.disabled, false), eq(users.activationPending, true))!;
    case 'locked':
      return and(eq(users.disabled, false), lockedSql)!;
    default:
      return and(eq(users.disabled, false), eq(users.activationPending, false))!;
  }
}

/** Which users an administrator sees: those of the institutions they manage (and unattached ones for alliance admins). */
function reachCondition(actor: Actor, tree: Awaited<ReturnType<AppContext['scopes']['get']>>): SQL {
  const { institutionIds, unattached } = institutionsReached(actor, 'users.manage', tree);
  const parts: SQL[] = [];
  if (institutionIds.length > 0) parts.push(inArray(users.institutionId, institutionIds));
  if (unattached) parts.push(isNull(users.institutionId));
  return parts.length > 0 ? or(...parts)! : sql`false`;
}

/** Throws unless the actor manages the user's institution (alliance admins also manage unattached accounts). */
function assertManages(actor: Actor, user: { institutionId: number | null }, tree: Awaited<ReturnType<AppContext['scopes']['get']>>) {
  const target: ScopeRef | null = user.institutionId ? { type: 'institution', id: user.institutionId } : null;
  if (target) authorize(actor, 'users.manage', target, tree);
  else if (!institutionsReached(actor, 'users.manage', tree).unattached) throw forbiddenScope();
}

const notSelf = (actor: Actor, userId: number) => {
  if (actor.userId === userId) throw new AppError(403, 'SELF_CHANGE', 'account.not_self');
};

async function scopeLabelsFor(app: AppContext, refs: ScopeRef[]): Promise<Map<string, string>> {
  const source = app.modules.find((manifest) => manifest.scopeLabels);
  return source && refs.length > 0 ? source.scopeLabels!(app.db, refs) : new Map();
}

type UserRow = typeof users.$inferSelect;

function statusOf(user: UserRow, locked: boolean): UserStatus {
  if (user.disabled) return 'disabled';
  if (user.activationPending) return 'pending';
  return locked ? 'locked' : 'active';
}

type AccountKind = 'student' | 'teacher' | 'partner' | 'staff';
const kindOf = (user: UserRow): AccountKind =>
  user.studentId ? 'student' : user.teacherId ? 'teacher' : user.enterpriseContactId ? 'partner' : 'staff';

async function grantsOf(app: AppContext, userIds: number[]) {
  if (userIds.length === 0) return new Map<number, Array<typeof roleGrants.$inferSelect & { scopeLabel: string }>>();
  const rows = await app.db.select().from(roleGrants).where(inArray(roleGrants.userId, userIds)).orderBy(asc(roleGrants.id));
  const labels = await scopeLabelsFor(
    app,
    rows.map((row) => ({ type: row.scopeType as ScopeType, id: row.scopeId })),
  );
  const byUser = new Map<number, Array<typeof roleGrants.$inferSelect & { scopeLabel: string }>>();
  for (const row of rows) {
    const list = byUser.get(row.userId) ?? [];
    list.push({ ...row, scopeLabel: labels.get(`${row.scopeType}:${row.scopeId}`) ?? `${row.scopeType} #${row.scopeId}` });
    byUser.set(row.userId, list);
  }
  return byUser;
}

const presentGrant = (grant: typeof roleGrants.$inferSelect & { scopeLabel: string }) => ({
  id: grant.id,
  role: grant.role as Role,
  scopeType: grant.scopeType as ScopeType,
  scopeId: grant.scopeId,
  scopeLabel: grant.scopeLabel,
  validFrom: grant.validFrom,
  validUntil: grant.validUntil,
  grantedAt: grant.grantedAt.toISOString(),
});

/** What an audit entry shows of an account (never its password hash). */
const auditView = (user: UserRow) => ({
  username: user.username,
  displayName: user.displayName,
  email: user.email,
  institutionId: user.institutionId,
  locale: user.locale,
  disabled: user.disabled,
  activationPending: user.activationPending,
});

export async function listUsers(app: AppContext, request: RequestContext, query: UserQuery) {
  const actor = requireActor(request.actor);
  const tree = await app.scopes.get();
  const where: SQL[] = [reachCondition(actor, tree)];
  if (query.institutionId) {
    authorize(actor, 'users.manage', { type: 'institution', id: query.institutionId }, tree);
    where.push(eq(users.institutionId, query.institutionId));
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (query.role || query.scopeType) {
    const grantWhere: SQL[] = [sql`g.user_id = ${users.id}`];
    if (query.role) grantWhere.push(sql`g.role = ${query.role}`);
    if (query.scopeType) grantWhere.push(sql`g.scope_type = ${query.scopeType}`);
    if (query.scopeId) grantWhere.push(sql`g.scope_id = ${query.scopeId}`);
    where.push(sql`EXISTS (SELECT 1 FROM role_grants g WHERE ${sql.join(grantWhere, sql` AND `)})`);
  }
  if (query.status) where.push(statusCondition(query.status));
  const condition = and(...where);
  const [{ total }] = (await app.db.select({ total: count() }).from(users).where(condition)) as [{ total: number }];
  const rows = await app.db
    .select({ user: users, locked: sql<boolean>`${lockedSql}` })
    .from(users)
    .where(condition)
    .orderBy(asc(users.username))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const grants = await grantsOf(
    app,
    rows.map((row) => row.user.id),
  );
  return {
    total: Number(total),
    items: rows.map(({ user, locked }) => ({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      institutionId: user.institutionId,
      kind: kindOf(user),
      status: statusOf(user, Boolean(locked)),
      grants: (grants.get(user.id) ?? []).map(presentGrant),
      createdAt: user.createdAt.toISOString(),
    })),
  };
}

async function loadUser(app: AppContext, actor: Actor, userId: number, db: Db = app.db) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('user', userId);
  assertManages(actor, user, await app.scopes.get());
  return user;
}

export async function getUser(app: AppContext, request: RequestContext, userId: number) {
  const actor = requireActor(request.actor);
  const user = await loadUser(app, actor, userId);
  const [activation] = await app.db.select().from(activationCodes).where(eq(activationCodes.userId, userId));
  const failures = await app.db
    .select({ address: loginFailures.address, failures: loginFailures.failures, lastFailedAt: loginFailures.lastFailedAt })
    .from(loginFailures)
    .where(eq(loginFailures.account, accountKey(user.username)));
  const grants = (await grantsOf(app, [userId])).get(userId) ?? [];
  const locked = failures.some((row) => row.failures >= loginRules.freeFailures);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    institutionId: user.institutionId,
    locale: user.locale as 'zh-CN' | 'en',
    kind: kindOf(user),
    status: statusOf(user, locked),
    grants: grants.map(presentGrant),
    activation: activation ? { delivery: activation.delivery, expiresAt: activation.expiresAt.toISOString() } : null,
    failedLogins: failures.map((row) => ({ address: row.address, failures: row.failures, lastFailedAt: row.lastFailedAt.toISOString() })),
    createdAt: user.createdAt.toISOString(),
    passwordChangedAt: user.passwordChangedAt.toISOString(),
  };
}

/** A new one-time code for an account (replacing any earlier one); only its hash is stored. */
async function issueActivationCode(tx: Db, userId: number, issuedBy: number, delivery: 'screen' | 'sheet') {
  const code = newActivationCode();
  const expiresAt = new Date(Date.now() + activationRules.validDays * 86_400_000);
  await tx
    .insert(activationCodes)
    .values({ userId, codeHash: activationCodeHash(code), delivery, expiresAt, issuedBy })
    .onConflictDoUpdate({
      target: activationCodes.userId,
      set: { codeHash: activationCodeHash(code), delivery, expiresAt, issuedBy, issuedAt: new Date() },
    });
  return { code, expiresAt };
}

function checkValidity(grant: GrantInput) {
  if (grant.validFrom && grant.validUntil && grant.validFrom > grant.validUntil)
    throw new AppError(400, 'BAD_VALIDITY', 'account.bad_validity');
}

async function checkGrantScope(app: AppContext, actor: Actor, grant: GrantInput) {
  const tree = await app.scopes.get();
  const ref: ScopeRef = { type: grant.scopeType, id: grant.scopeId };
  if (!tree.has(ref)) throw notFound(grant.scopeType, grant.scopeId);
  // An administrator grants only within what they manage.
  authorize(actor, 'users.manage', ref, tree);
  checkValidity(grant);
  return tree.institutionOf(ref);
}

export async function createUser(
  app: AppContext,
  request: RequestContext,
  input: { username: string; displayName: string; email?: string | null; institutionId?: number | null; grants?: GrantInput[] },
) {
  const actor = requireActor(request.actor);
  const tree = await app.scopes.get();
  const username = input.username.trim();
  if (!usernamePattern.test(username)) throw new AppError(400, 'BAD_USERNAME', 'setup.bad_username');
  assertManages(actor, { institutionId: input.institutionId ?? null }, tree);
  const grantInstitutions: Array<number | null> = [];
  for (const grant of input.grants ?? []) grantInstitutions.push(await checkGrantScope(app, actor, grant));
  return app.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = lower(${username})`);
    if (taken) throw conflict('USERNAME_TAKEN', 'setup.username_taken', { username });
    const [user] = await tx
      .insert(users)
      .values({
        username,
        displayName: input.displayName.trim(),
        email: input.email?.trim() || null,
        institutionId: input.institutionId ?? null,
        passwordHash: noPasswordYet,
        activationPending: true,
        createdBy: actor.userId,
      })
      .returning();
    for (const [index, grant] of (input.grants ?? []).entries()) {
      await tx.insert(roleGrants).values({
        userId: user!.id,
        role: grant.role,
        scopeType: grant.scopeType,
        scopeId: grant.scopeId,
        institutionId: grantInstitutions[index] ?? null,
        grantedBy: actor.userId,
        validFrom: grant.validFrom ?? null,
        validUntil: grant.validUntil ?? null,
      });
    }
    const activation = await issueActivationCode(tx, user!.id, actor.userId, 'screen');
    await recordAudit(tx, request, {
      action: 'account.create',
      entity: 'user',
      entityId: user!.id,
      institutionId: user!.institutionId,
      summary: `创建账号 ${username}（${user!.displayName}），发放一次性激活码`,
      after: { ...auditView(user!), grants: input.grants ?? [] },
    });
    return { id: user!.id, username, activationCode: activation.code, expiresAt: activation.expiresAt.toISOString() };
  });
}

export async function updateUser(
  app: AppContext,
  request: RequestContext,
  userId: number,
  input: { displayName?: string; email?: string | null; institutionId?: number | null; locale?: 'zh-CN' | 'en' },
) {
  const actor = requireActor(request.actor);
  const before = await loadUser(app, actor, userId);
  if (input.institutionId !== undefined) assertManages(actor, { institutionId: input.institutionId }, await app.scopes.get());
  const changes: Partial<UserRow> = {};
  if (input.displayName !== undefined) changes.displayName = input.displayName.trim();
  if (input.email !== undefined) changes.email = input.email?.trim() || null;
  if (input.institutionId !== undefined) changes.institutionId = input.institutionId;
  if (input.locale !== undefined) changes.locale = input.locale;
  return app.db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    await recordAuthChange(tx, { userId });
    await recordAudit(tx, request, {
      action: 'account.update',
      entity: 'user',
      entityId: userId,
      institutionId: after!.institutionId,
      summary: `修改账号 ${before.username} 的资料`,
      before: auditView(before),
      after: auditView(after!),
    });
    return { id: userId };
  });
}

export async function setDisabled(app: AppContext, request: RequestContext, userId: number, disabled: boolean, reason?: string | null) {
  const actor = requireActor(request.actor);
  notSelf(actor, userId);
  const before = await loadUser(app, actor, userId);
  return app.db.transaction(async (tx) => {
    await tx.update(users).set({ disabled, updatedAt: new Date() }).where(eq(users.id, userId));
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAuthChange(tx, { userId });
    await recordAudit(tx, request, {
      action: disabled ? 'account.disable' : 'account.enable',
      entity: 'user',
      entityId: userId,
      institutionId: before.institutionId,
      summary: `${disabled ? '停用' : '启用'}账号 ${before.username}${reason ? `：${reason}` : ''}`,
      before: { disabled: before.disabled },
      after: { disabled, reason: reason ?? null },
    });
    return { id: userId, disabled };
  });
}

/** Clears the failed sign-ins counted against the account from every address. */
export async function unlockUser(app: AppContext, request: RequestContext, userId: number) {
  const actor = requireActor(request.actor);
  const user = await loadUser(app, actor, userId);
  return app.db.transaction(async (tx) => {
    const cleared = await tx
      .delete(loginFailures)
      .where(eq(loginFailures.account, accountKey(user.username)))
      .returning({ failures: loginFailures.failures });
    const total = cleared.reduce((sum, row) => sum + row.failures, 0);
    await recordAudit(tx, request, {
      action: 'account.unlock',
      entity: 'user',
      entityId: userId,
      institutionId: user.institutionId,
      summary: `解除账号 ${user.username} 的登录限制（清除 ${total} 次失败记录）`,
      before: { failedLogins: total },
      after: { failedLogins: 0 },
    });
    return { id: userId, cleared: total };
  });
}

/** The password stops working and every session ends; the person opens the account again with a new one-time code. */
export async function resetAccess(app: AppContext, request: RequestContext, userId: number) {
  const actor = requireActor(request.actor);
  notSelf(actor, userId);
  const user = await loadUser(app, actor, userId);
  return app.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: noPasswordYet, activationPending: true, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(loginFailures).where(eq(loginFailures.account, accountKey(user.username)));
    await recordAuthChange(tx, { userId });
    const activation = await issueActivationCode(tx, userId, actor.userId, 'screen');
    await app.notifications.voidSealedMail(tx, [userId], codeReplaced);
    await recordAudit(tx, request, {
      action: 'account.reset',
      entity: 'user',
      entityId: userId,
      institutionId: user.institutionId,
      summary: `重置账号 ${user.username}：原密码作废、所有会话结束，发放新的一次性激活码`,
      before: { activationPending: user.activationPending },
      after: { activationPending: true, expiresAt: activation.expiresAt.toISOString() },
    });
    return { id: userId, activationCode: activation.code, expiresAt: activation.expiresAt.toISOString() };
  });
}

export async function grantRole(app: AppContext, request: RequestContext, userId: number, grant: GrantInput) {
  const actor = requireActor(request.actor);
  notSelf(actor, userId);
  if (!roles.includes(grant.role)) throw notFound('role', grant.role);
  const user = await loadUser(app, actor, userId);
  const institutionId = await checkGrantScope(app, actor, grant);
  // Read before the transaction: on PGlite its one connection is the transaction's until it ends.
  const label = (await scopeLabelsFor(app, [{ type: grant.scopeType, id: grant.scopeId }])).get(`${grant.scopeType}:${grant.scopeId}`);
  return app.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.userId, userId),
          eq(roleGrants.role, grant.role),
          eq(roleGrants.scopeType, grant.scopeType),
          eq(roleGrants.scopeId, grant.scopeId),
        ),
      );
    if (existing) throw conflict('GRANT_EXISTS', 'account.grant_exists');
    const [row] = await tx
      .insert(roleGrants)
      .values({
        userId,
        role: grant.role,
        scopeType: grant.scopeType,
        scopeId: grant.scopeId,
        institutionId,
        grantedBy: actor.userId,
        validFrom: grant.validFrom ?? null,
        validUntil: grant.validUntil ?? null,
      })
      .returning();
    await recordAuthChange(tx, { userId });
    await recordAudit(tx, request, {
      action: 'account.grant',
      entity: 'user',
      entityId: userId,
      institutionId: user.institutionId,
      summary: `授予 ${user.username} 角色 ${grant.role}（${label ?? `${grant.scopeType} #${grant.scopeId}`}）`,
      before: null,
      after: { grantId: row!.id, ...grant },
    });
    return { id: row!.id };
  });
}

export async function revokeGrant(app: AppContext, request: RequestContext, userId: number, grantId: number) {
  const actor = requireActor(request.actor);
  notSelf(actor, userId);
  const user = await loadUser(app, actor, userId);
  const [grant] = await app.db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)));
  if (!grant) throw notFound('role_grant', grantId);
  const tree = await app.scopes.get();
  const ref: ScopeRef = { type: grant.scopeType as ScopeType, id: grant.scopeId };
  if (!can(actor, 'users.manage', ref, tree)) throw forbiddenScope();
  return app.db.transaction(async (tx) => {
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await recordAuthChange(tx, { userId });
    await recordAudit(tx, request, {
      action: 'account.revoke',
      entity: 'user',
      entityId: userId,
      institutionId: user.institutionId,
      summary: `撤销 ${user.username} 的角色 ${grant.role}（${grant.scopeType} #${grant.scopeId}）`,
      before: {
        grantId,
        role: grant.role,
        scopeType: grant.scopeType,
        scopeId: grant.scopeId,
        validFrom: grant.validFrom,
        validUntil: grant.validUntil,
      },
      after: null,
    });
    return { id: grantId, revoked: true as const };
  });
}
