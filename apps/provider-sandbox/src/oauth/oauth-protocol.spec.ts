import { createHash, randomBytes } from 'node:crypto';
import { OAUTH_CLIENTS } from '../seed/demo-accounts';
import { type SandboxServer, createSandboxServer } from '../server';

const linode = OAUTH_CLIENTS.find((c) => c.provider === 'linode')!;
const digitalocean = OAUTH_CLIENTS.find((c) => c.provider === 'digitalocean')!;
const REDIRECT = 'http://localhost:3000/api/auth/callback';

describe('emulated OAuth servers', () => {
  let sandbox: SandboxServer;
  let base: string;

  beforeAll(async () => {
    sandbox = createSandboxServer({ host: '127.0.0.1', port: 0, log: 'silent' });
    base = (await sandbox.listen()).url;
  });

  afterAll(() => sandbox.close());

  /** Opens the consent page, then submits it the way a person would. */
  async function authorize(
    prefix: string,
    query: Record<string, string>,
    decision: {
      decision?: 'approve' | 'deny';
      user?: string;
      keepScopes?: (scope: string) => boolean;
    } = {},
  ): Promise<URL> {
    const page = await fetch(`${base}${prefix}/authorize?${new URLSearchParams(query)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const hidden = [...html.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
      ([, n, v]) => [n!, v!.replace(/&amp;/g, '&')],
    );
    const scopes = [...html.matchAll(/name="scope" value="([^"]+)"/g)].map(([, s]) => s!);
    const users = [...html.matchAll(/name="user" value="([^"]+)"/g)].map(([, u]) => u!);
    const form = new URLSearchParams(hidden);
    form.set('user', decision.user ?? users[0]!);
    for (const scope of scopes.filter(decision.keepScopes ?? (() => true)))
      form.append('scope', scope);
    form.set('decision', decision.decision ?? 'approve');
    const res = await fetch(`${base}${prefix}/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  const post = (path: string, body: URLSearchParams | FormData, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { method: 'POST', body, ...init });

  describe('Linode login server', () => {
    const start = (extra: Record<string, string> = {}) =>
      authorize('/linode/login/oauth', {
        client_id: linode.clientId,
        response_type: 'code',
        redirect_uri: REDIRECT,
        state: 'st-1',
        scopes: 'linodes:read_write,account:read_only',
        ...extra,
      });

    const exchange = (code: string, extra: Record<string, string> = {}) =>
      post(
        '/linode/login/oauth/token',
        new URLSearchParams({
          client_id: linode.clientId,
          client_secret: linode.clientSecret,
          code,
          ...extra,
        }),
      );

    it('issues a code, exchanged for the real token shape with both scope and scopes', async () => {
      const back = await start();
      expect(back.origin + back.pathname).toBe(REDIRECT);
      expect(back.searchParams.get('state')).toBe('st-1');
      const res = await exchange(back.searchParams.get('code')!);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.json();
      expect(body).toEqual({
        access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        refresh_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expires_in: 7200,
        scope: 'linodes:read_write account:read_only',
        scopes: 'linodes:read_write account:read_only',
        token_type: 'bearer',
      });
      const profile = await fetch(`${base}/linode/api/v4/profile`, {
        headers: { Authorization: `Bearer ${body.access_token}` },
      });
      expect(profile.status).toBe(200);
      expect((await profile.json()).username).toBe('ada');
      expect(profile.headers.get('x-oauth-scopes')).toBe('linodes:read_write account:read_only');
    });

    it('accepts `scope` too, and multipart token requests as Cloud Manager sends them', async () => {
      const back = await start({ scopes: '', scope: '*' });
      const form = new FormData();
      form.set('grant_type', 'authorization_code');
      form.set('client_id', linode.clientId);
      form.set('client_secret', linode.clientSecret);
      form.set('code', back.searchParams.get('code')!);
      const body = await (await post('/linode/login/oauth/token', form)).json();
      expect(body.scopes).toBe('*');
    });

    it('grants only the scopes the person left ticked', async () => {
      const partial = await authorize(
        '/linode/login/oauth',
        {
          client_id: linode.clientId,
          response_type: 'code',
          redirect_uri: REDIRECT,
          scopes: 'linodes:read_write account:read_only',
        },
        { keepScopes: (scope) => scope.startsWith('account') },
      );
      const body = await (await exchange(partial.searchParams.get('code')!)).json();
      expect(body.scopes).toBe('account:read_only');
    });

    it('redirects a denial with access_denied and the state', async () => {
      const back = await authorize(
        '/linode/login/oauth',
        {
          client_id: linode.clientId,
          response_type: 'code',
          redirect_uri: REDIRECT,
          state: 'st-2',
        },
        { decision: 'deny' },
      );
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('state')).toBe('st-2');
      expect(back.searchParams.get('code')).toBeNull();
    });

    it('uses a code once only', async () => {
      const code = (await start()).searchParams.get('code')!;
      expect((await exchange(code)).status).toBe(200);
      const again = await exchange(code);
      expect(again.status).toBe(400);
      expect((await again.json()).error).toBe('invalid_grant');
    });

    it('lets a code expire after ten minutes of sandbox time', async () => {
      const code = (await start()).searchParams.get('code')!;
      sandbox.clock.advance(601);
      expect((await (await exchange(code)).json()).error).toBe('invalid_grant');
    });

    it('rejects a wrong client secret with 401 invalid_client', async () => {
      const code = (await start()).searchParams.get('code')!;
      const res = await exchange(code, { client_secret: 'f'.repeat(64) });
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe('invalid_client');
    });

    it('checks the PKCE S256 verifier when a challenge was sent', async () => {
      const verifier = randomBytes(48).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
      const first = (await start(pkce)).searchParams.get('code')!;
      expect((await exchange(first, { code_verifier: 'x'.repeat(43) })).status).toBe(400);
      const second = (await start(pkce)).searchParams.get('code')!;
      expect((await exchange(second, { code_verifier: verifier })).status).toBe(200);
    });

    it('rotates both tokens on refresh; the old refresh token and access token die', async () => {
      const first = await (await exchange((await start()).searchParams.get('code')!)).json();
      const refresh = (token: string) =>
        post(
          '/linode/login/oauth/token',
          new URLSearchParams({
            grant_type: 'refresh_token',
            client_id: linode.clientId,
            client_secret: linode.clientSecret,
            refresh_token: token,
          }),
        );
      const res = await refresh(first.refresh_token);
      expect(res.status).toBe(200);
      const second = await res.json();
      expect(second.access_token).not.toBe(first.access_token);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await refresh(first.refresh_token)).status).toBe(400);
      const old = await fetch(`${base}/linode/api/v4/profile`, {
        headers: { Authorization: `Bearer ${first.access_token}` },
      });
      expect(old.status).toBe(401);
    });

    it.each(['/oauth/revoke', '/oauth/token/expire'])(
      'revokes through %s: the API then answers 401 Invalid Token',
      async (path) => {
        const { access_token } = await (
          await exchange((await start()).searchParams.get('code')!)
        ).json();
        const res = await post(
          `/linode/login${path}`,
          new URLSearchParams({
            token: access_token,
            client_id: linode.clientId,
            client_secret: linode.clientSecret,
          }),
        );
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({});
        const api = await fetch(`${base}/linode/api/v4/profile`, {
          headers: { Authorization: `Bearer ${access_token}` },
        });
        expect(api.status).toBe(401);
        expect(await api.json()).toEqual({ errors: [{ reason: 'Invalid Token' }] });
      },
    );

    it('shows an error page, and does not redirect, for an unknown client or a foreign redirect URI', async () => {
      const unknown = await fetch(
        `${base}/linode/login/oauth/authorize?client_id=nope&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}`,
        { redirect: 'manual' },
      );
      expect(unknown.status).toBe(401);
      expect(await unknown.text()).toContain('unknown client');
      const foreign = await fetch(
        `${base}/linode/login/oauth/authorize?client_id=${linode.clientId}&response_type=code&redirect_uri=${encodeURIComponent('http://localhost.evil.example/cb')}`,
        { redirect: 'manual' },
      );
      expect(foreign.status).toBe(400);
      expect(foreign.headers.get('location')).toBeNull();
    });

    it('forbids framing of the consent page', async () => {
      const page = await fetch(
        `${base}/linode/login/oauth/authorize?client_id=${linode.clientId}&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}`,
      );
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });
  });

  describe('DigitalOcean OAuth server', () => {
    const SCOPES = 'account:read droplet:read droplet:create regions:read';
    const start = (extra: Record<string, string> = {}) =>
      authorize('/digitalocean/oauth', {
        client_id: digitalocean.clientId,
        response_type: 'code',
        redirect_uri: REDIRECT,
        state: 'do-1',
        scope: SCOPES,
        ...extra,
      });

    const exchangeInQuery = (code: string) =>
      fetch(
        `${base}/digitalocean/oauth/token?${new URLSearchParams({ grant_type: 'authorization_code', code, client_id: digitalocean.clientId, client_secret: digitalocean.clientSecret, redirect_uri: REDIRECT })}`,
        { method: 'POST' },
      );

    it('exchanges a code sent in the query string for doo_v1_/dor_v1_ tokens with info', async () => {
      const back = await start();
      expect(back.searchParams.get('state')).toBe('do-1');
      const res = await exchangeInQuery(back.searchParams.get('code')!);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        access_token: expect.stringMatching(/^doo_v1_[0-9a-f]{64}$/),
        refresh_token: expect.stringMatching(/^dor_v1_[0-9a-f]{64}$/),
        token_type: 'bearer',
        expires_in: 2592000,
        scope: SCOPES,
        info: {
          name: 'Sammy the Shark',
          email: 'sammy@example.com',
          uuid: expect.any(String),
          team_uuid: expect.any(String),
          team_name: expect.any(String),
        },
      });
    });

    it('refreshes without client credentials, single use, killing the old access token', async () => {
      const first = await (await exchangeInQuery((await start()).searchParams.get('code')!)).json();
      const refresh = () =>
        post(
          '/digitalocean/oauth/token',
          new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.refresh_token }),
        );
      const second = await (await refresh()).json();
      expect(second.access_token).toMatch(/^doo_v1_/);
      expect((await refresh()).status).toBe(400);
      const account = (token: string) =>
        fetch(`${base}/digitalocean/api/v2/account`, {
          headers: { Authorization: `Bearer ${token}` },
        });
      expect((await account(first.access_token)).status).toBe(401);
      expect((await account(second.access_token)).status).toBe(200);
    });

    it('reports a token with token/info and revokes it with 200 {}', async () => {
      const { access_token } = await (
        await exchangeInQuery((await start()).searchParams.get('code')!)
      ).json();
      const auth = { Authorization: `Bearer ${access_token}` };
      const info = await (
        await fetch(`${base}/digitalocean/oauth/token/info`, { headers: auth })
      ).json();
      expect(info).toMatchObject({
        scopes: SCOPES.split(' '),
        expires_in_seconds: 2592000,
        application: { uid: digitalocean.clientId },
      });
      const revoked = await post(
        '/digitalocean/oauth/revoke',
        new URLSearchParams({ token: access_token }),
        { headers: auth },
      );
      expect(revoked.status).toBe(200);
      expect(await revoked.json()).toEqual({});
      expect((await fetch(`${base}/digitalocean/api/v2/account`, { headers: auth })).status).toBe(
        401,
      );
    });

    it('answers 403 when the token lacks the endpoint scope', async () => {
      const back = await start({ scope: 'droplet:read' });
      const { access_token } = await (await exchangeInQuery(back.searchParams.get('code')!)).json();
      const res = await fetch(`${base}/digitalocean/api/v2/account`, {
        headers: { Authorization: `Bearer ${access_token}` },
      });
      expect(res.status).toBe(403);
      expect((await res.json()).id).toBe('forbidden');
    });

    it('requires the redirect_uri of the authorization at the exchange', async () => {
      const code = (await start()).searchParams.get('code')!;
      const res = await post(
        '/digitalocean/oauth/token',
        new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: digitalocean.clientId,
          client_secret: digitalocean.clientSecret,
          redirect_uri: 'http://localhost:3000/other',
        }),
      );
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe('invalid_grant');
    });

    it('redirects a denial with the Doorkeeper description', async () => {
      const back = await authorize(
        '/digitalocean/oauth',
        {
          client_id: digitalocean.clientId,
          response_type: 'code',
          redirect_uri: REDIRECT,
          scope: 'read',
        },
        { decision: 'deny' },
      );
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('error_description')).toBe(
        'The resource owner or authorization server denied the request.',
      );
    });

    it('shows an error page for an unknown scope', async () => {
      const res = await fetch(
        `${base}/digitalocean/oauth/authorize?client_id=${digitalocean.clientId}&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=droplet:fly`,
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('The requested scope is invalid, unknown, or malformed.');
    });
  });
});
