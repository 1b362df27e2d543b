/**
 * A CAS 3.0 server for the tests, built to the Apereo CAS Protocol 3.0 specification (no CAS server
 * runs here): `/login` (a sign-in form; a ticket-granting cookie afterwards), service tickets that are
 * single-use, bound to their service and expire, `/p3/serviceValidate` (and the 2.0 `/serviceValidate`)
 * answering `cas:authenticationSuccess` with `cas:attributes` or `cas:authenticationFailure` with the
 * spec's codes, and `/logout` that sends each service a SAML `LogoutRequest` (single logout).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CasAccount {
  password: string;
  attributes: Record<string, string>;
}

export interface TestCasServer {
  /** The CAS prefix, e.g. http://127.0.0.1:PORT/cas */
  url: string;
  /** Validation requests answered (ticket, service, success). */
  validations: Array<{ ticket: string; service: string; ok: boolean }>;
  /** Single-logout calls made to services and their HTTP status. */
  logoutCalls: Array<{ service: string; ticket: string; status: number }>;
  close(): Promise<void>;
}

const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!);

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

export async function startCasServer(accounts: Record<string, CasAccount>): Promise<TestCasServer> {
  const tickets = new Map<string, { user: string; service: string; expiresAt: number; tgt: string }>();
  /** Ticket-granting tickets: the user and the (service, ticket) pairs issued under it, for single logout. */
  const grants = new Map<string, { user: string; issued: Array<{ service: string; ticket: string }> }>();
  const validations: TestCasServer['validations'] = [];
  const logoutCalls: TestCasServer['logoutCalls'] = [];

  const issueTicket = (tgt: string, service: string) => {
    const ticket = `ST-${crypto.randomBytes(16).toString('hex')}`;
    const grant = grants.get(tgt)!;
    tickets.set(ticket, { user: grant.user, service, expiresAt: Date.now() + 10_000, tgt });
    grant.issued.push({ service, ticket });
    const target = new URL(service);
    target.searchParams.set('ticket', ticket);
    return target.href;
  };

  const cookieOf = (request: http.IncomingMessage) => /(?:^|;\s*)CASTGC=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? null;

  const loginForm = (
    service: string,
    problem = '',
  ) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>统一身份认证</title></head>
<body><h1>统一身份认证（测试 CAS）</h1>${problem ? `<p role="alert">${escapeXml(problem)}</p>` : ''}
<form method="post" action="/cas/login?service=${encodeURIComponent(service)}">
<label>用户名 <input name="username" id="cas-username"></label>
<label>密码 <input name="password" id="cas-password" type="password"></label>
<button type="submit" id="cas-submit">登录</button></form></body></html>`;

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://cas.invalid');
    const service = url.searchParams.get('service') ?? '';
    if (url.pathname === '/cas/login' && request.method === 'GET') {
      const tgt = cookieOf(request);
      if (tgt && grants.has(tgt) && service) {
        response.writeHead(302, { location: issueTicket(tgt, service) }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(service));
      return;
    }
    if (url.pathname === '/cas/login' && request.method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      const username = form.get('username') ?? '';
      const account = accounts[username];
      if (!account || account.password !== form.get('password')) {
        response.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(service, '用户名或密码错误'));
        return;
      }
      const tgt = `TGT-${crypto.randomBytes(16).toString('hex')}`;
      grants.set(tgt, { user: username, issued: [] });
      response.writeHead(302, { location: issueTicket(tgt, service), 'set-cookie': `CASTGC=${tgt}; Path=/cas; HttpOnly` }).end();
      return;
    }
    if ((url.pathname === '/cas/p3/serviceValidate' || url.pathname === '/cas/serviceValidate') && request.method === 'GET') {
      const ticket = url.searchParams.get('ticket') ?? '';
      const issued = tickets.get(ticket);
      tickets.delete(ticket); // single use, whatever the outcome (spec §3.1.1)
      let body: string;
      if (!ticket || !service) {
        body = `<cas:authenticationFailure code="INVALID_REQUEST">service and ticket are required</cas:authenticationFailure>`;
      } else if (!issued || issued.expiresAt < Date.now()) {
        body = `<cas:authenticationFailure code="INVALID_TICKET">Ticket ${escapeXml(ticket)} not recognized</cas:authenticationFailure>`;
      } else if (issued.service !== service) {
        body = `<cas:authenticationFailure code="INVALID_SERVICE">Ticket was not issued for this service</cas:authenticationFailure>`;
      } else {
        const attributes = Object.entries(accounts[issued.user]!.attributes)
          .map(([name, value]) => `<cas:${name}>${escapeXml(value)}</cas:${name}>`)
          .join('');
        body = `<cas:authenticationSuccess><cas:user>${escapeXml(issued.user)}</cas:user><cas:attributes>${attributes}</cas:attributes></cas:authenticationSuccess>`;
      }
      validations.push({ ticket, service, ok: body.includes('authenticationSuccess') });
      response
        .writeHead(200, { 'content-type': 'application/xml; charset=utf-8' })
        .end(`<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">${body}</cas:serviceResponse>`);
      return;
    }
    if (url.pathname === '/cas/logout' && request.method === 'GET') {
      const tgt = cookieOf(request);
      const grant = tgt ? grants.get(tgt) : undefined;
      if (tgt) grants.delete(tgt);
      // Single logout: every service this sign-in reached is told, by a back-channel POST, which ticket ended.
      for (const issuedTo of grant?.issued ?? []) {
        const logoutRequest = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-${crypto.randomUUID()}" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>${issuedTo.ticket}</samlp:SessionIndex></samlp:LogoutRequest>`;
        const answer = await fetch(issuedTo.service, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ logoutRequest }).toString(),
        }).catch(() => null);
        logoutCalls.push({ service: issuedTo.service, ticket: issuedTo.ticket, status: answer?.status ?? 0 });
      }
      response
        .writeHead(service ? 302 : 200, {
          ...(service ? { location: service } : {}),
          'set-cookie': 'CASTGC=; Path=/cas; Max-Age=0',
          'content-type': 'text/html; charset=utf-8',
        })
        .end('<p>已退出统一身份认证</p>');
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cas`,
    validations,
    logoutCalls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
