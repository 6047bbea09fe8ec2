import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  CSRF_HEADER,
  SANDBOX_OTHER_OAUTH_CLIENTS,
  type LogoutResult,
  type ProviderName,
  type SessionView,
} from '@launchpad/shared-api-types';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import type { LaunchpadConfig } from '@launchpad/api-config';
import type { Database } from '@launchpad/api-database';
import { DATABASE } from '@launchpad/api-database';
import { linkedAccounts, oauthStates, users } from '@launchpad/api-database';
import { type SandboxProcess, startSandbox } from '@launchpad/api-testing';
import { type Agent, consent, signIn, start } from '@launchpad/api-testing';
import { testConfig } from '@launchpad/api-testing';
import { type TestDatabase, createTestDatabase } from '@launchpad/api-testing';
import { AuthModule } from './auth.module';

/** The features this suite exercises, on the core every Launchpad app has. */
const features = [AuthModule];

interface AuditGrant {
  provider: ProviderName;
  accessToken: string;
  refreshToken: string | null;
  clientId: string;
  status: 'active' | 'revoked' | 'refreshed' | 'expired';
}

/**
 * Sign-in over HTTP, as a browser does it, against the real provider sandbox: the API's start
 * redirect, the sandbox's consent page, the callback. Every refusal is checked to store nothing.
 */
describe('sign-in with Linode and DigitalOcean', () => {
  let sandbox: SandboxProcess;
  let testDb: TestDatabase;
  let app: NestExpressApplication;
  let database: Database;

  let config: LaunchpadConfig;
  const onPostgres = Boolean(process.env['DATABASE_URL']);

  beforeAll(async () => {
    sandbox = await startSandbox();
    testDb = await createTestDatabase();
    config = { ...testConfig(testDb.config), providers: sandbox.providers };
    app = await createLaunchpadApp(config, features);
    await app.init();
    database = app.get<Database>(DATABASE);
  });

  afterAll(async () => {
    await app?.close();
    await testDb?.dispose();
    await sandbox?.stop();
  });

  beforeEach(async () => {
    await database.db.delete(users);
    await database.db.delete(oauthStates);
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
  });

  const grants = async (provider?: ProviderName): Promise<AuditGrant[]> =>
    (
      (await (
        await fetch(`${sandbox.url}/_sandbox/grants${provider ? `?provider=${provider}` : ''}`)
      ).json()) as { grants: AuditGrant[] }
    ).grants;

  const counts = async () => ({
    users: (await database.db.select().from(users)).length,
    accounts: (await database.db.select().from(linkedAccounts)).length,
  });

  const session = async (agent: Agent) =>
    (await agent.get('/api/session').expect(200)).body as SessionView;

  it('signs in with Linode: an httpOnly SameSite=Lax session, the account with its scopes', async () => {
    const agent = request.agent(app.getHttpServer());
    const authorize = await start(agent, 'linode');
    expect(authorize.pathname).toBe('/linode/login/oauth/authorize');
    expect(authorize.searchParams.get('scope')).toBe('linodes:read_write');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      'http://localhost:3000/api/auth/linode/callback',
    );
    const res = await agent.get(await consent(authorize)).expect(303);
    expect(res.headers['location']).toBe('/servers');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('launchpad_session='),
    );
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const view = await session(agent);
    expect(view.user.displayName).toBe('ada');
    expect(view.accounts).toEqual([
      expect.objectContaining({
        provider: 'linode',
        username: 'ada',
        email: 'ada@example.com',
        scopes: ['linodes:read_write'],
        status: 'active',
      }),
    ]);
    expect(Date.parse(view.accounts[0]?.accessTokenExpiresAt ?? '')).toBeGreaterThan(
      Date.now() + 7000_000,
    );
  });

  it('keeps tokens as ciphertext only: the table holds neither token', async () => {
    await signIn(request.agent(app.getHttpServer()), 'linode');
    const [grant] = await grants('linode');
    const rows = await database.db.select().from(linkedAccounts);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.accessTokenSealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(row?.refreshTokenSealed).toMatch(/^v1\./);
    const dump = JSON.stringify(rows);
    expect(grant?.accessToken).toMatch(/^[0-9a-f]{64}$/);
    expect(dump).not.toContain(grant?.accessToken);
    expect(dump).not.toContain(grant?.refreshToken);
  });

  it('links DigitalOcean to the signed-in user and starts a new session id', async () => {
    const agent = request.agent(app.getHttpServer());
    await signIn(agent, 'linode');
    const before = await session(agent);
    expect((await signIn(agent, 'digitalocean')).location).toBe('/accounts?linked=digitalocean');
    const after = await session(agent);
    expect(after.user.id).toBe(before.user.id);
    expect(after.csrfToken).not.toBe(before.csrfToken);
    expect(after.accounts.map((a) => [a.provider, a.username])).toEqual([
      ['linode', 'ada'],
      ['digitalocean', 'Sammy the Shark'],
    ]);
    expect(after.accounts[1]?.scopes).toContain('droplet:create');
    expect(await counts()).toEqual({ users: 1, accounts: 2 });
  });

  it('refuses a short grant: names the missing scope, revokes what was issued, stores nothing', async () => {
    const agent = request.agent(app.getHttpServer());
    const callback = await consent(await start(agent, 'linode'), {
      keep: (scope) => scope !== 'linodes:read_write',
    });
    const res = await agent.get(callback).expect(303);
    expect(res.headers['location']).toBe(
      '/sign-in/insufficient-scopes?provider=linode&missing=linodes%3Aread_write',
    );
    expect(await counts()).toEqual({ users: 0, accounts: 0 });
    expect((await grants('linode')).map((g) => g.status)).toEqual(['revoked']);
    await agent.get('/api/session').expect(401);
  });

  it('refuses a DigitalOcean grant without droplet:create, naming it', async () => {
    const agent = request.agent(app.getHttpServer());
    const callback = await consent(await start(agent, 'digitalocean'), {
      keep: (scope) => scope !== 'droplet:create',
    });
    const res = await agent.get(callback).expect(303);
    expect(res.headers['location']).toBe(
      '/sign-in/insufficient-scopes?provider=digitalocean&missing=droplet%3Acreate',
    );
    expect((await grants('digitalocean')).map((g) => g.status)).toEqual(['revoked']);
  });

  it('says clearly that the person declined at the provider', async () => {
    const agent = request.agent(app.getHttpServer());
    const callback = await consent(await start(agent, 'linode'), { decision: 'deny' });
    const res = await agent.get(callback).expect(303);
    expect(res.headers['location']).toBe('/sign-in/failed?provider=linode&reason=denied');
    expect(await counts()).toEqual({ users: 0, accounts: 0 });
    expect(await database.db.select().from(oauthStates)).toEqual([]);
  });

  describe('refuses forged and replayed callbacks, storing nothing', () => {
    const refused = '/sign-in/failed?provider=linode&reason=invalid_state';

    it('a tampered state', async () => {
      const agent = request.agent(app.getHttpServer());
      const callback = await consent(await start(agent, 'linode'));
      const res = await agent.get(callback.replace(/state=([^&])/, 'state=X$1')).expect(303);
      expect(res.headers['location']).toBe(refused);
      expect(await counts()).toEqual({ users: 0, accounts: 0 });
    });

    it('a missing state', async () => {
      const agent = request.agent(app.getHttpServer());
      const callback = await consent(await start(agent, 'linode'));
      const res = await agent.get(callback.replace(/&?state=[^&]*/, '')).expect(303);
      expect(res.headers['location']).toBe(refused);
      expect(await counts()).toEqual({ users: 0, accounts: 0 });
    });

    it('a state that was issued to another browser (login CSRF)', async () => {
      const attacker = request.agent(app.getHttpServer());
      const callback = await consent(await start(attacker, 'linode'));
      const victim = request.agent(app.getHttpServer());
      const res = await victim.get(callback).expect(303);
      expect(res.headers['location']).toBe(refused);
      expect(await counts()).toEqual({ users: 0, accounts: 0 });
    });

    it('a replayed callback', async () => {
      const agent = request.agent(app.getHttpServer());
      const callback = await consent(await start(agent, 'linode'));
      await agent.get(callback).expect(303);
      await agent.post('/api/auth/logout').set(CSRF_HEADER, (await session(agent)).csrfToken);
      const again = await agent.get(callback).expect(303);
      expect(again.headers['location']).toBe(refused);
      await agent.get('/api/session').expect(401);
    });

    it("a callback on the other provider's path (mix-up)", async () => {
      const agent = request.agent(app.getHttpServer());
      const callback = await consent(await start(agent, 'linode'));
      const res = await agent
        .get(callback.replace('/api/auth/linode/', '/api/auth/digitalocean/'))
        .expect(303);
      expect(res.headers['location']).toBe(
        '/sign-in/failed?provider=digitalocean&reason=invalid_state',
      );
      expect(await counts()).toEqual({ users: 0, accounts: 0 });
    });

    it('a code issued to another application', async () => {
      const agent = request.agent(app.getHttpServer());
      const ours = new URL(
        await consent(await start(agent, 'linode')),
        'http://localhost:3000',
      ).searchParams.get('state');
      const other = SANDBOX_OTHER_OAUTH_CLIENTS.linode;
      const theirs = new URL(`${sandbox.url}/linode/login/oauth/authorize`);
      theirs.search = new URLSearchParams({
        client_id: other.clientId,
        response_type: 'code',
        redirect_uri: 'http://localhost:3000/api/auth/linode/callback',
        scope: 'linodes:read_write',
        state: 'theirs',
      }).toString();
      const code = new URL(await consent(theirs), 'http://localhost:3000').searchParams.get('code');
      const res = await agent
        .get(`/api/auth/linode/callback?code=${code}&state=${ours}`)
        .expect(303);
      expect(res.headers['location']).toBe(
        '/sign-in/failed?provider=linode&reason=exchange_failed',
      );
      expect(await counts()).toEqual({ users: 0, accounts: 0 });
    });
  });

  it('answers an unknown provider with a 404 in the error shape', async () => {
    const res = await request(app.getHttpServer()).get('/api/auth/aws').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'unknown_provider' });
  });

  it('logs out: both tokens revoked at the providers, the old session cookie dead', async () => {
    const agent = request.agent(app.getHttpServer());
    await signIn(agent, 'linode');
    const { sessionCookie } = await signIn(agent, 'digitalocean');
    expect(sessionCookie).toMatch(/^launchpad_session=[\w-]{43}$/);
    const { csrfToken } = await request(app.getHttpServer())
      .get('/api/session')
      .set('Cookie', sessionCookie)
      .expect(200)
      .then((r) => r.body as SessionView);
    // Without the CSRF token, a logout (a state change) is refused.
    const forged = await agent.post('/api/auth/logout').expect(403);
    expect(forged.body).toMatchObject({ error: 'csrf_token_invalid' });
    const res = await agent.post('/api/auth/logout').set(CSRF_HEADER, csrfToken).expect(200);
    expect((res.body as LogoutResult).revocations).toEqual([
      expect.objectContaining({ provider: 'linode', status: 'revoked' }),
      expect.objectContaining({ provider: 'digitalocean', status: 'revoked' }),
    ]);
    expect((await grants()).map((g) => [g.provider, g.status])).toEqual([
      ['linode', 'revoked'],
      ['digitalocean', 'revoked'],
    ]);
    await request(app.getHttpServer()).get('/api/session').set('Cookie', sessionCookie).expect(401);
    const rows = await database.db.select().from(linkedAccounts);
    expect(rows.map((r) => [r.status, r.accessTokenSealed, r.refreshTokenSealed])).toEqual([
      ['needs_relink', null, null],
      ['needs_relink', null, null],
    ]);
    // Back with Linode only: DigitalOcean says plainly that it needs a new sign-in, and shows
    // nothing as granted, since Launchpad holds nothing for it.
    await signIn(agent, 'linode');
    const back = await session(agent);
    expect(back.accounts.map((a) => [a.provider, a.status])).toEqual([
      ['linode', 'active'],
      ['digitalocean', 'needs_relink'],
    ]);
    expect(back.accounts[0]?.scopes.length).toBeGreaterThan(0);
    expect(back.accounts[1]).toMatchObject({
      scopes: [],
      accessTokenExpiresAt: null,
      statusReason: expect.stringContaining('when you logged out'),
    });
  });

  it('disconnects one linked account, revoking it; refuses to disconnect the last one', async () => {
    const agent = request.agent(app.getHttpServer());
    await signIn(agent, 'linode');
    await signIn(agent, 'digitalocean');
    const { csrfToken, accounts } = await session(agent);
    const [linode, digitalocean] = accounts;
    const res = await agent
      .delete(`/api/accounts/${digitalocean?.id}`)
      .set(CSRF_HEADER, csrfToken)
      .expect(200);
    expect((res.body as LogoutResult).revocations).toEqual([
      expect.objectContaining({ provider: 'digitalocean', status: 'revoked' }),
    ]);
    expect((await grants('digitalocean')).map((g) => g.status)).toEqual(['revoked']);
    expect((await grants('linode')).map((g) => g.status)).toEqual(['active']);
    const last = await agent
      .delete(`/api/accounts/${linode?.id}`)
      .set(CSRF_HEADER, csrfToken)
      .expect(409);
    expect(last.body).toMatchObject({ error: 'last_account' });
    await agent.delete('/api/accounts/not-a-uuid').set(CSRF_HEADER, csrfToken).expect(404);
  });

  (onPostgres ? it : it.skip)(
    'shares sessions between two API instances on one PostgreSQL (skipped on PGlite)',
    async () => {
      const { sessionCookie } = await signIn(request.agent(app.getHttpServer()), 'linode');
      const other = await createLaunchpadApp(config, features);
      try {
        await other.init();
        const res = await request(other.getHttpServer())
          .get('/api/session')
          .set('Cookie', sessionCookie)
          .expect(200);
        expect((res.body as SessionView).user.displayName).toBe('ada');
      } finally {
        await other.close();
      }
    },
  );

  it('keeps sessions across an API restart', async () => {
    const { sessionCookie } = await signIn(request.agent(app.getHttpServer()), 'linode');
    await app.close();
    app = await createLaunchpadApp(config, features);
    await app.init();
    database = app.get<Database>(DATABASE);
    const res = await request(app.getHttpServer())
      .get('/api/session')
      .set('Cookie', sessionCookie)
      .expect(200);
    expect((res.body as SessionView).accounts).toHaveLength(1);
  });

  it('answers 401 in the error shape to the signed-out', async () => {
    const res = await request(app.getHttpServer()).get('/api/accounts').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'unauthenticated' });
  });
});
