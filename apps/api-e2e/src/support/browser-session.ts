/**
 * A browser, as far as Launchpad's API can tell: a cookie jar, and sign-in with a provider
 * through the sandbox's consent form (start, consent, callback), over plain fetch.
 */
export class BrowserSession {
  private readonly jar = new Map<string, string>();
  csrfToken = '';

  constructor(private readonly apiUrl: string) {}

  cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(res: Response): void {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const index = pair.indexOf('=');
      this.jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }

  /** Signs in (or links) as a demo user, granting every scope asked for. */
  async signIn(provider: 'linode' | 'digitalocean', user: string): Promise<void> {
    const start = await fetch(`${this.apiUrl}/api/auth/${provider}`, {
      redirect: 'manual',
      headers: { Cookie: this.cookie() },
    });
    this.keep(start);
    const authorize = new URL(start.headers.get('location') ?? '');
    const page = await (await fetch(authorize)).text();
    const form = new URLSearchParams();
    for (const [, name, value] of page.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      form.append(name ?? '', (value ?? '').replace(/&amp;/g, '&'));
    }
    for (const [, scope] of page.matchAll(/name="scope" value="([^"]+)"/g)) {
      form.append('scope', scope ?? '');
    }
    form.append('user', user);
    form.append('decision', 'approve');
    const back = await fetch(`${authorize.origin}${authorize.pathname}`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const callback = new URL(back.headers.get('location') ?? '');
    const done = await fetch(`${this.apiUrl}${callback.pathname}${callback.search}`, {
      headers: { Cookie: this.cookie() },
      redirect: 'manual',
    });
    if (done.status !== 303) throw new Error(`sign-in with ${provider} failed: ${done.status}`);
    this.keep(done);
    const session = await (
      await fetch(`${this.apiUrl}/api/session`, { headers: { Cookie: this.cookie() } })
    ).json();
    this.csrfToken = session.csrfToken;
  }

  /** A JSON request with the session cookie and, for writes, the CSRF token. */
  request(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    return fetch(`${this.apiUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Cookie: this.cookie(),
        ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(init.method && init.method !== 'GET' ? { 'X-CSRF-Token': this.csrfToken } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  }
}
