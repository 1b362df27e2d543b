/**
 * What a browser does across sites for a sign-in, over real HTTP: keeps cookies (by name, for the
 * loopback host every test server shares), follows redirects one by one, and submits forms.
 */
export interface Hop {
  url: string;
  status: number;
  location: string | null;
  body: string;
}

export class CookieBrowser {
  readonly jar = new Map<string, string>();
  readonly hops: Hop[] = [];

  private cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /expires=thu, 01 jan 1970/i.test(attribute));
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** One request, redirects not followed. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        accept: 'text/html,application/xhtml+xml',
        ...(this.jar.size > 0 ? { cookie: this.cookieHeader() } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    this.keep(response);
    const location = response.headers.get('location');
    const hop = { url, status: response.status, location: location ? new URL(location, url).href : null, body: await response.text() };
    this.hops.push(hop);
    return hop;
  }

  /** Follows redirects until a page answers, or until the next address starts with `stopBefore` (not requested). */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}, stopBefore?: string): Promise<Hop> {
    let hop = await this.request(url, init);
    for (let step = 0; step < 15 && hop.location && hop.status >= 300 && hop.status < 400; step += 1) {
      if (stopBefore && hop.location.startsWith(stopBefore)) return hop;
      hop = await this.request(hop.location);
    }
    return hop;
  }

  /** The first form's action (absolute) on a page. */
  static formAction(hop: Hop): string {
    const match = /<form[^>]*action="([^"]+)"/i.exec(hop.body);
    if (!match) throw new Error(`no form on ${hop.url}: ${hop.body.slice(0, 300)}`);
    return new URL(match[1]!.replace(/&amp;/g, '&'), hop.url).href;
  }
}
