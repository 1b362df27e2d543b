/**
 * 统一身份认证 settings: an institution's identity providers (OpenID Connect or CAS 3.0) and whether
 * its people may still sign in with a password. Client secrets are sealed like personal data.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { allocateIds } from '../../db/sql.ts';
import { authorize, institutionsReached, requireActor, type Actor } from '../access.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { identityProviders, signInSettings } from '../schema.ts';
import { discover, forgetDiscovery } from './oidc.ts';

export type ProviderRow = typeof identityProviders.$inferSelect;

export interface ProviderInput {
  institutionId: number;
  protocol: 'oidc' | 'cas';
  name: string;
  nameEn?: string | null;
  issuer?: string | null;
  clientId?: string | null;
  /** undefined keeps the stored secret, null removes it (a public client). */
  clientSecret?: string | null;
  scopes?: string;
  casUrl?: string | null;
  accountClaim: string;
  enabled?: boolean;
}

export const providerSealedAt = (rowId: number) => ({ table: 'identity_providers', column: 'client_secret_sealed', rowId });

/**
 * Where every provider sends people back (to be registered with it as the redirect URI): one address,
 * known before the provider is added here; the sign-in's state says which provider it was.
 */
export const callbackUrl = (app: AppContext) => `${app.config.publicUrl}/api/auth/sso/callback`;

function present(app: AppContext, row: ProviderRow) {
  return {
    id: row.id,
    institutionId: row.institutionId,
    protocol: row.protocol,
    name: row.name,
    nameEn: row.nameEn,
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: row.clientSecretSealed !== null,
    scopes: row.scopes,
    casUrl: row.casUrl,
    accountClaim: row.accountClaim,
    enabled: row.enabled,
    callbackUrl: callbackUrl(app),
    updatedAt: row.updatedAt,
  };
}

/** What the audit log keeps of a provider (never its secret). */
const audited = (row: ProviderRow) => {
  const { clientSecretSealed, ...rest } = row;
  return { ...rest, hasClientSecret: clientSecretSealed !== null };
};

/** Plain http only towards this machine (a provider under test); anywhere else https. */
export function providerUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not_url';
  }
  if (url.search || url.hash) return 'has_query';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
  return 'not_https';
}

async function authorizeFor(app: AppContext, actor: Actor | null, institutionId: number): Promise<Actor> {
  const tree = await app.scopes.get();
  if (!tree.has({ type: 'institution', id: institutionId })) throw notFound('institution', institutionId);
  return authorize(actor, 'sso.manage', { type: 'institution', id: institutionId }, tree);
}

export async function listProviders(app: AppContext, request: RequestContext) {
  const actor = requireActor(request.actor);
  const reach = institutionsReached(actor, 'sso.manage', await app.scopes.get());
  const rows = await app.db.select().from(identityProviders).orderBy(asc(identityProviders.id));
  const settings = await app.db.select().from(signInSettings);
  const localLogin = new Map(settings.map((row) => [row.institutionId, row.localLogin]));
  return {
    callbackUrl: callbackUrl(app),
    providers: rows.filter((row) => reach.institutionIds.includes(row.institutionId)).map((row) => present(app, row)),
    institutions: reach.institutionIds.map((institutionId) => ({ institutionId, localLogin: localLogin.get(institutionId) ?? true })),
  };
}

async function loadProvider(app: AppContext, id: number): Promise<ProviderRow> {
  const [row] = await app.db.select().from(identityProviders).where(eq(identityProviders.id, id));
  if (!row) throw notFound('identity_provider', id);
  return row;
}

/** The fields a provider row gets from an input, checked: addresses, the protocol's own fields, an OIDC issuer that answers. */
async function fieldsOf(app: AppContext, input: ProviderInput, existing: ProviderRow | null, rowId: number) {
  const protocol = input.protocol;
  const problems: Array<{ path: string; problem: string }> = [];
  if (protocol === 'oidc') {
    if (!input.issuer) problems.push({ path: 'issuer', problem: 'required' });
    else {
      const problem = providerUrlProblem(input.issuer);
      if (problem) problems.push({ path: 'issuer', problem });
    }
    if (!input.clientId) problems.push({ path: 'clientId', problem: 'required' });
  } else if (!input.casUrl) problems.push({ path: 'casUrl', problem: 'required' });
  else {
    const problem = providerUrlProblem(input.casUrl);
    if (problem) problems.push({ path: 'casUrl', problem });
  }
  if (problems.length > 0)
    throw unprocessable(
      'BAD_PROVIDER',
      'sso.bad_provider',
      { fields: problems.map((problem) => problem.path).join('、') },
      problems.map((problem) => ({ path: `body.${problem.path}`, message: problem.problem })),
    );
  const secretSealed =
    protocol !== 'oidc' || input.clientSecret === null
      ? null
      : input.clientSecret === undefined
        ? (existing?.clientSecretSealed ?? null)
        : app.pii.encrypt(input.clientSecret, providerSealedAt(rowId));
  const fields = {
    institutionId: input.institutionId,
    protocol,
    name: input.name,
    nameEn: input.nameEn ?? null,
    issuer: protocol === 'oidc' ? input.issuer!.replace(/\/+$/, '') : null,
    clientId: protocol === 'oidc' ? input.clientId! : null,
    clientSecretSealed: secretSealed,
    scopes: input.scopes?.trim() || 'openid profile',
    casUrl: protocol === 'cas' ? input.casUrl!.replace(/\/+$/, '') : null,
    accountClaim: input.accountClaim,
    enabled: input.enabled ?? existing?.enabled ?? true,
  };
  // An issuer that does not answer its discovery document would only fail at the first sign-in: say so now.
  if (protocol === 'oidc' && fields.enabled) {
    const secret = secretSealed ? app.pii.decrypt(secretSealed, providerSealedAt(rowId)) : null;
    await discover({ id: rowId, issuer: fields.issuer!, clientId: fields.clientId!, secret, version: 'check' }).catch((error: unknown) => {
      throw unprocessable('DISCOVERY_FAILED', 'sso.discovery_failed', { issuer: fields.issuer!, reason: String(error).slice(0, 200) });
    });
  }
  return fields;
}

export async function createProvider(app: AppContext, request: RequestContext, input: ProviderInput) {
  const actor = await authorizeFor(app, request.actor, input.institutionId);
  const [rowId] = await allocateIds(app.db, 'identity_providers', 1);
  const fields = await fieldsOf(app, input, null, rowId!);
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(identityProviders)
      .overridingSystemValue()
      .values({ ...fields, id: rowId!, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, request, {
      action: 'sso.provider_create',
      entity: 'identity_provider',
      entityId: row!.id,
      institutionId: row!.institutionId,
      summary: `新增统一身份认证 ${row!.name}（${row!.protocol.toUpperCase()}）`,
      after: audited(row!),
    });
    return present(app, row!);
  });
}

export async function updateProvider(app: AppContext, request: RequestContext, id: number, input: Omit<ProviderInput, 'institutionId'>) {
  const existing = await loadProvider(app, id);
  await authorizeFor(app, request.actor, existing.institutionId);
  const fields = await fieldsOf(app, { ...input, institutionId: existing.institutionId }, existing, id);
  return app.db.transaction(async (tx) => {
    if (existing.enabled && !fields.enabled) await refuseLastProviderOff(tx, existing.institutionId, id);
    const [row] = await tx
      .update(identityProviders)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(identityProviders.id, id))
      .returning();
    await recordAudit(tx, request, {
      action: 'sso.provider_update',
      entity: 'identity_provider',
      entityId: id,
      institutionId: existing.institutionId,
      summary: `修改统一身份认证 ${row!.name}${fields.enabled ? '' : '（已停用）'}`,
      before: audited(existing),
      after: audited(row!),
    });
    forgetDiscovery(id);
    return present(app, row!);
  });
}

type Tx = Parameters<Parameters<AppContext['db']['transaction']>[0]>[0];

/** With password sign-in off, the last working provider is the only way in: it cannot be switched off. */
async function refuseLastProviderOff(tx: Tx, institutionId: number, providerId: number) {
  const [settings] = await tx.select().from(signInSettings).where(eq(signInSettings.institutionId, institutionId));
  if (!settings || settings.localLogin) return;
  const others = await tx
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(
      and(eq(identityProviders.institutionId, institutionId), eq(identityProviders.enabled, true), ne(identityProviders.id, providerId)),
    );
  if (others.length === 0) throw conflict('LAST_PROVIDER', 'sso.last_provider');
}

/** Password sign-in for an institution's people on or off; off only while one of its providers is enabled. */
export async function setLocalLogin(app: AppContext, request: RequestContext, institutionId: number, localLogin: boolean) {
  const actor = await authorizeFor(app, request.actor, institutionId);
  return app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(signInSettings).where(eq(signInSettings.institutionId, institutionId));
    if (!localLogin) {
      const enabled = await tx
        .select({ id: identityProviders.id })
        .from(identityProviders)
        .where(and(eq(identityProviders.institutionId, institutionId), eq(identityProviders.enabled, true)));
      if (enabled.length === 0) throw conflict('NO_PROVIDER', 'sso.no_provider');
    }
    const [row] = await tx
      .insert(signInSettings)
      .values({ institutionId, localLogin, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: signInSettings.institutionId, set: { localLogin, updatedBy: actor.userId, updatedAt: new Date() } })
      .returning();
    await recordAudit(tx, request, {
      action: 'sso.local_login',
      entity: 'institution',
      entityId: institutionId,
      institutionId,
      summary: localLogin ? '允许用密码登录' : '关闭密码登录，仅用统一身份认证',
      before: { localLogin: before?.localLogin ?? true },
      after: { localLogin: row!.localLogin },
    });
    return { institutionId, localLogin: row!.localLogin };
  });
}

/** The enabled providers, for the sign-in page (anyone may read them). */
export async function publicProviders(app: AppContext) {
  const rows = await app.db
    .select({
      id: identityProviders.id,
      protocol: identityProviders.protocol,
      name: identityProviders.name,
      nameEn: identityProviders.nameEn,
      institutionId: identityProviders.institutionId,
    })
    .from(identityProviders)
    .where(eq(identityProviders.enabled, true))
    .orderBy(asc(identityProviders.id));
  return rows;
}

export { loadProvider };
