/**
 * A real OpenID provider on loopback for the tests: the `oidc-provider` package (certified OpenID
 * Connect implementation) with its development sign-in pages (any password is taken; the login names
 * the account), PKCE required, RP-initiated logout on. The account claim (`employee_number`) is
 * released through UserInfo, as most providers do, so the client must read it from there.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface TestOidcProvider {
  issuer: string;
  /** When on, the token endpoint's ID token has its payload changed after signing (as a forger on the path would). */
  tamper: { idToken: boolean };
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export interface OidcAccount {
  name: string;
  /** 学号 / 工号 as the provider knows it. */
  employee_number: string;
}

export async function startOidcProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accounts: Record<string, OidcAccount>;
}): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'sitong';
  const clientSecret = 'test-client-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'employee_number'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['sitong-test-oidc-cookie-key'] },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
      const account = options.accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // The client is the college's own system: no consent page (a grant of the requested scopes is made at once).
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const oidc = ctx.oidc;
      const existing = oidc.session?.grantIdFor(oidc.client!.clientId);
      if (existing) return oidc.provider.Grant.find(existing);
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  const tamper = { idToken: false };
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (tamper.idToken && ctx.path === '/token' && body?.id_token) {
      const [header, payload, signature] = body.id_token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
      body.id_token = [header, Buffer.from(JSON.stringify({ ...claims, acr: 'forged' })).toString('base64url'), signature].join('.');
    }
  });
  server.on('request', provider.callback());
  return {
    issuer,
    tamper,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
