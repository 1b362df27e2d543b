/**
 * Signing in through an identity provider: the start (a state kept in the database, so any server
 * process may receive the return), the return (the provider's answer checked, the account claim
 * mapped to the user name — 学号 / 工号 — within the provider's institution, a session opened), and
 * signing out of the provider as well.
 */
import crypto from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { openSession, recordAuthChange, type LoginResult } from '../auth.ts';
import { AppError, notFound } from '../errors.ts';
import { identityProviders, sessions, ssoLogins, users } from '../schema.ts';
import { casLoginUrl, casLogoutUrl, logoutRequestTicket, validateServiceTicket } from './cas.ts';
import { authorizationRequest, completeAuthorization, discover, endSessionUrl } from './oidc.ts';
import { callbackUrl, loadProvider, providerSealedAt, type ProviderRow } from './providers.ts';

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
const stateTtlMs = 10 * 60_000;

/** Only a path on this site (never `//elsewhere` or a full URL) may be where a sign-in returns. */
export function safeReturnPath(raw: string | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || raw.length > 500) return '/';
  return raw;
}

type SsoProblem =
  | 'bad_state'
  | 'unreachable'
  | 'provider_refused'
  | 'invalid_response'
  | 'no_claim'
  | 'no_account'
  | 'account_disabled'
  | 'bad_logout_request';

/** `details.reason` names the problem, so the sign-in page can say it in the reader's language after a redirect. */
const ssoError = (status: number, code: string, problem: SsoProblem, params: Record<string, string> = {}) =>
  new AppError(status, code, `sso.${problem}`, params, { reason: problem });

function settingsOf(app: AppContext, provider: ProviderRow) {
  return {
    id: provider.id,
    issuer: provider.issuer!,
    clientId: provider.clientId!,
    secret: provider.clientSecretSealed ? app.pii.decrypt(provider.clientSecretSealed, providerSealedAt(provider.id)) : null,
    version: provider.updatedAt.toISOString(),
  };
}

async function enabledProvider(app: AppContext, id: number): Promise<ProviderRow> {
  const provider = await loadProvider(app, id);
  if (!provider.enabled) throw notFound('identity_provider', id);
  return provider;
}

/** CAS carries no state of its own: the service URL does (and must be the same when the ticket is validated). */
const casService = (app: AppContext, state: string) => `${callbackUrl(app)}?s=${state}`;

/** Where the browser goes to sign in at the provider. */
export async function startSignIn(app: AppContext, providerId: number, returnTo: string | undefined): Promise<string> {
  const provider = await enabledProvider(app, providerId);
  const state = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + stateTtlMs);
  let url: string;
  let codeVerifier: string | null = null;
  let nonce: string | null = null;
  if (provider.protocol === 'oidc') {
    const config = await discover(settingsOf(app, provider)).catch((error: unknown) => {
      throw ssoError(502, 'SSO_UNREACHABLE', 'unreachable', { reason: String(error).slice(0, 200) });
    });
    const request = await authorizationRequest(config, { redirectUri: callbackUrl(app), scopes: provider.scopes, state });
    ({ url, codeVerifier, nonce } = request);
  } else url = casLoginUrl(provider.casUrl!, casService(app, state));
  await app.db
    .insert(ssoLogins)
    .values({ stateHash: sha256(state), providerId, codeVerifier, nonce, returnTo: safeReturnPath(returnTo), expiresAt });
  return url;
}

export interface CallbackQuery {
  /** The whole query string as the provider sent it (OIDC validates the response against it). */
  raw: string;
  state?: string;
  s?: string;
  code?: string;
  error?: string;
  error_description?: string;
  ticket?: string;
}

/** The provider's answer: checked, mapped to an account, and a session for it; or a 4xx saying what went wrong. */
export async function completeSignIn(
  app: AppContext,
  ctx: RequestContext & { userAgent?: string },
  query: CallbackQuery,
): Promise<LoginResult & { returnTo: string }> {
  // OIDC returns the state as `state`; CAS returns to the service URL, which carries it as `s`.
  const state = query.state ?? query.s;
  if (!state) {
    if (query.error)
      throw ssoError(400, 'SSO_REFUSED', 'provider_refused', { reason: (query.error_description ?? query.error).slice(0, 200) });
    throw ssoError(400, 'SSO_STATE', 'bad_state');
  }
  // Used once: the row goes as it is read, so a replayed answer finds nothing.
  const [pending] = await app.db
    .delete(ssoLogins)
    .where(and(eq(ssoLogins.stateHash, sha256(state)), gt(ssoLogins.expiresAt, sql`now()`)))
    .returning();
  if (!pending) throw ssoError(400, 'SSO_STATE', 'bad_state');
  const provider = await enabledProvider(app, pending.providerId);
  if ((provider.protocol === 'oidc') !== (query.state !== undefined)) throw ssoError(400, 'SSO_STATE', 'bad_state');
  if (query.error)
    throw ssoError(400, 'SSO_REFUSED', 'provider_refused', { reason: (query.error_description ?? query.error).slice(0, 200) });

  let account: string | null;
  let reference: string | null;
  let idToken: string | null = null;
  if (provider.protocol === 'oidc') {
    const config = await discover(settingsOf(app, provider)).catch((error: unknown) => {
      throw ssoError(502, 'SSO_UNREACHABLE', 'unreachable', { reason: String(error).slice(0, 200) });
    });
    const identity = await completeAuthorization(config, new URL(`${callbackUrl(app)}?${query.raw}`), {
      state,
      nonce: pending.nonce!,
      codeVerifier: pending.codeVerifier!,
      claim: provider.accountClaim,
    }).catch((error: unknown) => {
      throw ssoError(400, 'SSO_INVALID', 'invalid_response', { reason: String(error).slice(0, 200) });
    });
    const value = identity.claims[provider.accountClaim];
    account = typeof value === 'string' || typeof value === 'number' ? String(value) : null;
    reference = identity.sid;
    idToken = identity.idToken;
  } else {
    if (!query.ticket) throw ssoError(400, 'SSO_INVALID', 'invalid_response', { reason: 'no ticket' });
    const validation = await validateServiceTicket(provider.casUrl!, casService(app, state), query.ticket).catch((error: unknown) => {
      throw ssoError(502, 'SSO_UNREACHABLE', 'unreachable', { reason: String(error).slice(0, 200) });
    });
    if (!validation.ok)
      throw ssoError(400, 'SSO_INVALID', 'invalid_response', { reason: `${validation.code} ${validation.message}`.trim() });
    account = provider.accountClaim === 'user' ? validation.user : (validation.attributes[provider.accountClaim]?.[0] ?? null);
    reference = query.ticket;
  }
  account = account?.trim() ?? null;
  if (!account) throw ssoError(400, 'SSO_NO_CLAIM', 'no_claim', { claim: provider.accountClaim });

  const [user] = await app.db
    .select()
    .from(users)
    .where(and(eq(users.username, account), eq(users.institutionId, provider.institutionId)));
  if (!user || user.disabled) {
    await recordAudit(
      app.db,
      { ...ctx, actor: null },
      {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user?.id ?? null,
        institutionId: provider.institutionId,
        summary: `统一身份认证登录失败：${account.slice(0, 100)}（${user ? '账号已停用' : '四通中无此账号'}），经 ${provider.name}`,
        after: { reason: user ? 'disabled' : 'no_account', provider: provider.id, address: ctx.ip ?? null },
      },
    );
    throw user
      ? ssoError(403, 'SSO_DISABLED', 'account_disabled')
      : ssoError(403, 'SSO_NO_ACCOUNT', 'no_account', { account: account.slice(0, 100) });
  }
  const session = await openSession(app.database, ctx, user, {
    ttlHours: app.config.sessionTtlHours,
    sso: { providerId: provider.id, providerName: provider.name, session: reference, idToken },
  });
  return { ...session, returnTo: pending.returnTo };
}

/** After a session opened through a provider ends here: where the browser goes so the provider signs out too. */
export async function providerLogoutUrl(app: AppContext, session: { identityProviderId: number | null; idToken: string | null }) {
  if (session.identityProviderId === null) return null;
  const [provider] = await app.db.select().from(identityProviders).where(eq(identityProviders.id, session.identityProviderId));
  if (!provider?.enabled) return null;
  const back = `${app.config.publicUrl}/login`;
  if (provider.protocol === 'cas') return casLogoutUrl(provider.casUrl!, back);
  const config = await discover(settingsOf(app, provider)).catch(() => null);
  return config ? endSessionUrl(config, session.idToken, back) : null;
}

/** CAS single logout: a CAS server names the ticket of a sign-in it ended; that session ends here at once. */
export async function singleLogout(app: AppContext, ctx: RequestContext, logoutRequest: string): Promise<string[]> {
  const ticket = logoutRequestTicket(logoutRequest);
  if (!ticket) throw ssoError(400, 'SSO_LOGOUT_REQUEST', 'bad_logout_request');
  return app.db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(
        and(
          eq(sessions.ssoSession, ticket),
          inArray(
            sessions.identityProviderId,
            tx.select({ id: identityProviders.id }).from(identityProviders).where(eq(identityProviders.protocol, 'cas')),
          ),
        ),
      )
      .returning({ tokenHash: sessions.tokenHash, userId: sessions.userId, providerId: sessions.identityProviderId });
    for (const session of ended) {
      await recordAuthChange(tx, { tokenHash: session.tokenHash });
      await recordAudit(tx, ctx, {
        action: 'auth.logout_sso',
        entity: 'user',
        entityId: session.userId,
        summary: `统一身份认证（#${session.providerId}）通知单点退出，会话已结束`,
      });
    }
    return ended.map((session) => session.tokenHash);
  });
}
