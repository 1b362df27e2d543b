/**
 * CAS 3.0 (Apereo CAS protocol specification): the browser goes to `{cas}/login?service=…`, comes
 * back with a service ticket, which the server validates at `{cas}/p3/serviceValidate` (the user and
 * their attributes); the CAS server ends sessions by POSTing a SAML `LogoutRequest` naming the ticket.
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
});

export const casLoginUrl = (casUrl: string, service: string) => `${casUrl}/login?service=${encodeURIComponent(service)}`;
export const casLogoutUrl = (casUrl: string, service: string) => `${casUrl}/logout?service=${encodeURIComponent(service)}`;

export type CasValidation = { ok: true; user: string; attributes: Record<string, string[]> } | { ok: false; code: string; message: string };

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return text((value as { '#text': unknown })['#text']);
  return null;
};

/** Reads a /p3/serviceValidate answer. */
export function parseServiceResponse(xml: string): CasValidation {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch {
    return { ok: false, code: 'MALFORMED', message: 'not XML' };
  }
  const response = document.serviceResponse as Record<string, unknown> | undefined;
  if (!response) return { ok: false, code: 'MALFORMED', message: 'no cas:serviceResponse' };
  const success = response.authenticationSuccess as Record<string, unknown> | undefined;
  if (success) {
    const user = text(success.user);
    if (!user) return { ok: false, code: 'MALFORMED', message: 'no cas:user' };
    const attributes: Record<string, string[]> = {};
    const raw = (success.attributes ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(raw)) {
      const values = (Array.isArray(value) ? value : [value]).map(text).filter((entry): entry is string => entry !== null);
      if (values.length > 0) attributes[name] = values;
    }
    return { ok: true, user, attributes };
  }
  const failure = response.authenticationFailure;
  const code = failure && typeof failure === 'object' ? String((failure as Record<string, unknown>)['@code'] ?? 'UNKNOWN') : 'UNKNOWN';
  return { ok: false, code, message: (text(failure) ?? '').slice(0, 200) };
}

export async function validateServiceTicket(casUrl: string, service: string, ticket: string): Promise<CasValidation> {
  const url = `${casUrl}/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
  if (!response.ok) return { ok: false, code: `HTTP_${response.status}`, message: response.statusText };
  return parseServiceResponse(await response.text());
}

/** The service ticket a single-logout request names (its SessionIndex), or null when the body is not one. */
export function logoutRequestTicket(xml: string): string | null {
  try {
    const document = parser.parse(xml) as Record<string, unknown>;
    const request = document.LogoutRequest as Record<string, unknown> | undefined;
    return request ? text(request.SessionIndex) : null;
  } catch {
    return null;
  }
}
