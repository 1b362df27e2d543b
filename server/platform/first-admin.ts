/**
 * The first administrator of a production install: created by `npm run admin -- create` (password from
 * standard input) or through the one-time setup token printed at the first start of an empty install.
 * There is no default account and no default password.
 */
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { countAll } from '../db/sql.ts';
import { recordAudit } from './audit.ts';
import { assertPasswordAcceptable, hashPassword } from './auth.ts';
import { AppError, conflict } from './errors.ts';
import type { ModuleManifest } from './module.ts';
import { appMeta, roleGrants, users } from './schema.ts';

export interface FirstAdminInput {
  username: string;
  displayName?: string | null;
  password: string;
  /** Names the alliance when the install has none yet. */
  allianceName?: string | null;
}

const setupKey = 'setup_token';
const setupTokenHours = 24;
const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');

export async function userCount(db: Db): Promise<number> {
  return (await db.select({ count: countAll() }).from(users))[0]!.count;
}

/** Creates an administrator on the organisation's top scope (the alliance), with its audit entry. */
export async function createAdministrator(
  db: Db,
  manifests: readonly ModuleManifest[],
  input: FirstAdminInput,
  how: 'command' | 'setup_token',
): Promise<{ userId: number; scope: string }> {
  const owner = manifests.find((manifest) => manifest.firstAdminScope);
  if (!owner) throw new Error('No module supplies the scope of a first administrator');
  const username = input.username.trim();
  if (!/^[A-Za-z0-9._@-]{3,60}$/.test(username)) throw new AppError(400, 'BAD_USERNAME', 'setup.bad_username');
  assertPasswordAcceptable(input.password, [username]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken) throw conflict('USERNAME_TAKEN', 'setup.username_taken', { username });
    const scope = await owner.firstAdminScope!(tx, input.allianceName ?? null);
    const [user] = await tx
      .insert(users)
      .values({ username, displayName: input.displayName?.trim() || username, passwordHash })
      .returning({ id: users.id });
    await tx.insert(roleGrants).values({ userId: user!.id, role: 'admin', scopeType: scope.ref.type, scopeId: scope.ref.id });
    await recordAudit(
      tx,
      { actor: null },
      {
        action: 'platform.admin_created',
        entity: 'user',
        entityId: user!.id,
        summary: `创建管理员 ${username}（${scope.label}，${how === 'command' ? '命令行' : '一次性设置码'}）`,
        after: { username, role: 'admin', scope: scope.ref, how },
      },
    );
    return { userId: user!.id, scope: scope.label };
  });
}

/** On an empty install: a new one-time setup token (only its hash is kept), valid for a day; else null. */
export async function issueSetupToken(db: Db): Promise<string | null> {
  if ((await userCount(db)) > 0) return null;
  const token = crypto.randomBytes(24).toString('base64url');
  const value = { hash: sha256(token), expiresAt: new Date(Date.now() + setupTokenHours * 3_600_000).toISOString() };
  await db.insert(appMeta).values({ key: setupKey, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } });
  return token;
}

export async function setupNeeded(db: Db): Promise<boolean> {
  const [token] = await db.select().from(appMeta).where(eq(appMeta.key, setupKey));
  return Boolean(token) && (await userCount(db)) === 0;
}

/** Uses the setup token once: the first administrator is created and the token deleted, in one go. */
export async function completeSetup(db: Db, manifests: readonly ModuleManifest[], token: string, input: FirstAdminInput) {
  const [stored] = await db.select().from(appMeta).where(eq(appMeta.key, setupKey));
  const value = stored?.value as { hash: string; expiresAt: string } | undefined;
  const valid =
    value &&
    new Date(value.expiresAt) > new Date() &&
    crypto.timingSafeEqual(Buffer.from(sha256(token), 'hex'), Buffer.from(value.hash, 'hex'));
  if (!valid || (await userCount(db)) > 0) throw new AppError(403, 'SETUP_TOKEN_INVALID', 'setup.token_invalid');
  // Deleting the token first makes a second use at the same moment fail instead of making two administrators.
  const claimed = await db
    .delete(appMeta)
    .where(sql`${appMeta.key} = ${setupKey} AND ${appMeta.value}->>'hash' = ${value.hash}`)
    .returning();
  if (claimed.length === 0) throw new AppError(403, 'SETUP_TOKEN_INVALID', 'setup.token_invalid');
  try {
    return await createAdministrator(db, manifests, input, 'setup_token');
  } catch (error) {
    // A refused password or name: the token stays usable.
    await db.insert(appMeta).values({ key: setupKey, value }).onConflictDoNothing();
    throw error;
  }
}
