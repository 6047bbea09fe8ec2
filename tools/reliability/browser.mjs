// A browser, as far as Launchpad's API can tell: a cookie jar, a client address (sent as
// X-Forwarded-For, which the proxy extends and the API believes from loopback, TRUST_PROXY), and
// sign-in with a provider through the sandbox's consent form, as tools/bench/servers-list.bench.mjs
// and apps/api-e2e/src/support/browser-session.ts do it.
import { cookiesOf, jsonOf, send } from './http.mjs';

export class Browser {
  /**
   * @param {string} apiUrl    where requests go (the proxy: PUBLIC_URL)
   * @param {string} address   the client address this browser has, e.g. 198.18.1.7
   * @param {{ provider?: 'linode' | 'digitalocean', demoUser?: string, index?: number }} [who]
   *   the sandbox demo user it signs in as, and its number among the simulated users
   */
  constructor(apiUrl, address, { provider, demoUser, index = 0 } = {}) {
    this.apiUrl = apiUrl;
    this.address = address;
    this.provider = provider;
    this.demoUser = demoUser;
    this.index = index;
    /** @type {Map<string, string>} */
    this.jar = new Map();
    this.csrfToken = '';
    this.userId = '';
  }

  cookie() {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  keep(answer) {
    for (const [name, value] of cookiesOf(answer)) this.jar.set(name, value);
  }

  /** The headers every request of this browser carries. */
  headers(extra = {}) {
    const cookie = this.cookie();
    return { 'x-forwarded-for': this.address, ...(cookie ? { cookie } : {}), ...extra };
  }

  /**
   * A request with the session cookie and, for writes, the CSRF token; `body` is sent as JSON.
   * @returns {Promise<import('./http.mjs').Answer>}
   */
  request(method, path, { body, headers = {}, timeoutMs } = {}) {
    const write = method !== 'GET' && method !== 'HEAD';
    return send(this.apiUrl, {
      method,
      path,
      timeoutMs,
      headers: this.headers({
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(write && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /**
   * Signs in (or links) as a sandbox demo user, granting every scope asked for: the API's start
   * (303 to the sandbox's authorize page), the consent form, the callback (303 to the SPA).
   * @param {'linode' | 'digitalocean'} provider
   * @param {string} user  a sandbox demo user id, e.g. linode-ada
   */
  async signIn(provider, user) {
    const start = await send(this.apiUrl, {
      path: `/api/auth/${provider}`,
      headers: this.headers(),
    });
    if (start.status !== 303) throw new Error(`sign-in start: ${start.status} ${start.body}`);
    this.keep(start);
    const authorize = new URL(String(start.headers.location));
    const page = await send(authorize.origin, { path: `${authorize.pathname}${authorize.search}` });
    const html = page.body.toString('utf8');
    const form = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      form.append(name, value.replace(/&amp;/g, '&'));
    }
    for (const [, scope] of html.matchAll(/name="scope" value="([^"]+)"/g))
      form.append('scope', scope);
    form.append('user', user);
    form.append('decision', 'approve');
    const consent = await send(authorize.origin, {
      method: 'POST',
      path: authorize.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const callback = new URL(String(consent.headers.location));
    const done = await send(this.apiUrl, {
      path: `${callback.pathname}${callback.search}`,
      headers: this.headers(),
    });
    if (done.status !== 303) throw new Error(`sign-in callback: ${done.status} ${done.body}`);
    this.keep(done);
    const session = await this.request('GET', '/api/session');
    const view = jsonOf(session);
    if (session.status !== 200 || !view?.csrfToken) {
      throw new Error(`GET /api/session after sign-in: ${session.status} ${session.body}`);
    }
    this.csrfToken = view.csrfToken;
    this.userId = view.user.id;
    return view;
  }
}
