/**
 * OpenID Connect with the `openid-client` library: discovery, authorization code with PKCE (S256),
 * state and nonce, ID-token validation (signature against the provider's JWKS, issuer, audience, expiry,
 * nonce) and RP-initiated logout.
 */
import * as client from 'openid-client';

export interface OidcClientSettings {
  id: number;
  issuer: string;
  clientId: string;
  secret: string | null;
  /** Changes whenever the provider row changes, so an edited provider is discovered afresh. */
  version: string;
}

const discoveryTtlMs = 10 * 60_000;
const discovered = new Map<number, { version: string; at: number; config: client.Configuration }>();

const loopback = (url: URL) => url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** The provider's configuration from its discovery document (kept ten minutes per provider). */
export async function discover(settings: OidcClientSettings): Promise<client.Configuration> {
  const cached = discovered.get(settings.id);
  if (cached && cached.version === settings.version && Date.now() - cached.at < discoveryTtlMs) return cached.config;
  const issuer = new URL(settings.issuer);
  const config = await client.discovery(
    issuer,
    settings.clientId,
    undefined,
    settings.secret ? client.ClientSecretBasic(settings.secret) : client.None(),
    // Plain http is accepted only for a provider on this machine (the tests' provider; providerUrlProblem refuses others).
    { timeout: 10, ...(loopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}) },
  );
  // The ID token's signature is checked against the provider's keys (JWKS) even though it came straight
  // from the token endpoint: a college intranet provider is not always behind TLS we can trust.
  client.enableNonRepudiationChecks(config);
  if (settings.version !== 'check') discovered.set(settings.id, { version: settings.version, at: Date.now(), config });
  return config;
}

export function forgetDiscovery(providerId: number): void {
  discovered.delete(providerId);
}

export interface OidcStart {
  url: string;
  codeVerifier: string;
  nonce: string;
}

export async function authorizationRequest(
  config: client.Configuration,
  options: { redirectUri: string; scopes: string; state: string },
): Promise<OidcStart> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: options.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: options.state,
    nonce,
  });
  return { url: url.href, codeVerifier, nonce };
}

export interface OidcIdentity {
  claims: Record<string, unknown>;
  idToken: string | null;
  sid: string | null;
}

/**
 * Exchanges the code (with the PKCE verifier) and validates the ID token. The account claim is read
 * from the ID token, or from the UserInfo endpoint when the provider keeps it there.
 */
export async function completeAuthorization(
  config: client.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string; claim: string },
): Promise<OidcIdentity> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims()!;
  let claims: Record<string, unknown> = { ...idClaims };
  if (claims[expected.claim] === undefined && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    claims = { ...userInfo, ...claims };
  }
  return { claims, idToken: tokens.id_token ?? null, sid: typeof idClaims.sid === 'string' ? idClaims.sid : null };
}

/** Where to send the browser so the provider ends its own session too (null when it offers no end-session endpoint). */
export function endSessionUrl(config: client.Configuration, idToken: string | null, postLogoutRedirectUri: string): string | null {
  if (!config.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(config, {
    post_logout_redirect_uri: postLogoutRedirectUri,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).href;
}
