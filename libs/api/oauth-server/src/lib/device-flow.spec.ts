import type { NestExpressApplication } from '@nestjs/platform-express';
import { CSRF_HEADER, type SessionView } from '@launchpad/shared-api-types';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import {
  type AppConfig,
  type DeviceConfig,
  type LaunchpadConfig,
  appConfig,
  deviceConfig,
} from '@launchpad/api-config';
import type { Database } from '@launchpad/api-database';
import { DATABASE } from '@launchpad/api-database';
import { deviceCodes } from '@launchpad/api-database';
import { type SandboxProcess, startSandbox } from '@launchpad/api-testing';
import { type Agent, signIn } from '@launchpad/api-testing';
import { testConfig } from '@launchpad/api-testing';
import { type TestDatabase, createTestDatabase } from '@launchpad/api-testing';
import { DeviceFlowService } from './device-flow.service';
import { DEVICE_CODE_GRANT, OAuthClientsService } from './oauth-clients.service';
import { OAuthTokensService } from '@launchpad/api-oauth-tokens';
import { DeviceTokenPollMetrics } from '@launchpad/api-metrics';
import * as userCodes from './user-code';
import { AuthModule } from '@launchpad/api-auth';
import { DeploymentsModule } from '@launchpad/api-deployments';
import { ServersModule } from '@launchpad/api-servers';
import { OAuthServerModule } from './oauth-server.module';

/** The features this suite exercises, on the core every Launchpad app has. */
const features = [AuthModule, DeploymentsModule, ServersModule, OAuthServerModule];

const CLI = 'launchpad-cli';
const FORM = 'application/x-www-form-urlencoded';

/**
 * Launchpad as a device-flow authorization server, over HTTP, row by row of the reference's test
 * matrix (oauth-device-flow.md §7): device endpoint, user codes, activation, the token endpoint,
 * refresh, revocation, introspection and the protected API.
 */
describe('device authorization server (RFC 8628)', () => {
  let sandbox: SandboxProcess;
  let testDb: TestDatabase;
  let config: LaunchpadConfig;
  let app: NestExpressApplication;
  let webDir: string;
  let browser: Agent;
  let csrf: string;
  let confidential: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    sandbox = await startSandbox();
    testDb = await createTestDatabase();
    webDir = await mkdtemp(join(tmpdir(), 'launchpad-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><lp-root></lp-root>');
    config = {
      ...testConfig(testDb.config, { webDistDir: webDir, adminEmails: ['ada@example.com'] }),
      providers: structuredClone(sandbox.providers),
    };
    app = await createLaunchpadApp(config, features);
    await app.init();
    const registered = await app.get(OAuthClientsService).register({
      name: 'Build box',
      type: 'confidential',
      grantTypes: [DEVICE_CODE_GRANT, 'refresh_token'],
      allowedScopes: ['servers:read'],
      defaultScopes: ['servers:read'],
    });
    confidential = { clientId: registered.clientId, clientSecret: registered.clientSecret ?? '' };
  });

  afterAll(async () => {
    await app?.close();
    await testDb?.dispose();
    await sandbox?.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    browser = request.agent(app.getHttpServer());
    await signIn(browser, 'linode');
    csrf = ((await browser.get('/api/session').expect(200)).body as SessionView).csrfToken;
  });

  const http = () => request(app.getHttpServer());
  const post = (path: string, form: Record<string, string>) =>
    http().post(path).type('form').send(form);
  const authorize = async (form: Record<string, string> = { client_id: CLI }) =>
    (await post('/oauth/device_authorization', form).expect(200)).body as {
      device_code: string;
      user_code: string;
      verification_uri_complete: string;
      interval: number;
    };
  const poll = (deviceCode: string, clientId = CLI) =>
    post('/oauth/token', {
      grant_type: DEVICE_CODE_GRANT,
      device_code: deviceCode,
      client_id: clientId,
    });
  const decide = (userCode: string, decision: 'approve' | 'deny', agent = browser, token = csrf) =>
    agent
      .post('/api/device/activation')
      .set(CSRF_HEADER, token)
      .send({ user_code: userCode, decision });
  /** A device flow carried through to tokens. */
  const tokensFor = async () => {
    const started = await authorize();
    await decide(started.user_code, 'approve').expect(200);
    return (await poll(started.device_code).expect(200)).body as {
      access_token: string;
      refresh_token: string;
      scope: string;
    };
  };
  const servers = (token: string) =>
    http().get('/api/servers').set('Authorization', `Bearer ${token}`);

  describe('metadata', () => {
    it('publishes every endpoint, grant, auth method and scope (RFC 8414)', async () => {
      const res = await http().get('/.well-known/oauth-authorization-server').expect(200);
      expect(res.body).toMatchObject({
        issuer: 'http://localhost:3000',
        device_authorization_endpoint: 'http://localhost:3000/oauth/device_authorization',
        token_endpoint: 'http://localhost:3000/oauth/token',
        revocation_endpoint: 'http://localhost:3000/oauth/revoke',
        introspection_endpoint: 'http://localhost:3000/oauth/introspect',
        grant_types_supported: [DEVICE_CODE_GRANT, 'refresh_token'],
        scopes_supported: ['servers:read', 'servers:deploy', 'servers:manage', 'account:read'],
      });
    });
  });

  describe('device authorization endpoint', () => {
    it('answers with exactly the RFC 8628 fields, interval included, never cached', async () => {
      const res = await post('/oauth/device_authorization', { client_id: CLI }).expect(200);
      expect(Object.keys(res.body).sort()).toEqual([
        'device_code',
        'expires_in',
        'interval',
        'user_code',
        'verification_uri',
        'verification_uri_complete',
      ]);
      expect(res.body).toMatchObject({
        verification_uri: 'http://localhost:3000/activate',
        expires_in: 600,
        interval: 5,
      });
      expect(res.body.device_code.length).toBeGreaterThanOrEqual(43);
      expect(res.body.verification_uri_complete).toBe(
        `http://localhost:3000/activate?user_code=${res.body.user_code}`,
      );
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('takes form-encoded requests only', async () => {
      const res = await http()
        .post('/oauth/device_authorization')
        .send({ client_id: CLI })
        .expect(400);
      expect(res.body.error).toBe('invalid_request');
    });

    it('refuses an unknown client with 401, with a Basic challenge when Basic was used', async () => {
      const body = await post('/oauth/device_authorization', { client_id: 'nope' }).expect(401);
      expect(body.body.error).toBe('invalid_client');
      const basic = await http()
        .post('/oauth/device_authorization')
        .auth('nope', 'secret')
        .type('form')
        .send({})
        .expect(401);
      expect(basic.headers['www-authenticate']).toMatch(/^Basic/);
    });

    it('refuses a client not allowed the device grant (unauthorized_client)', async () => {
      const limited = await app.get(OAuthClientsService).register({
        name: 'Refresh only',
        type: 'public',
        grantTypes: ['refresh_token'],
        allowedScopes: ['servers:read'],
        defaultScopes: ['servers:read'],
      });
      const res = await post('/oauth/device_authorization', { client_id: limited.clientId }).expect(
        400,
      );
      expect(res.body.error).toBe('unauthorized_client');
    });

    it('refuses a parameter given twice, and request objects', async () => {
      const twice = await http()
        .post('/oauth/device_authorization')
        .type(FORM)
        .send('client_id=launchpad-cli&scope=servers:read&scope=account:read')
        .expect(400);
      expect(twice.body.error).toBe('invalid_request');
      const object = await post('/oauth/device_authorization', {
        client_id: CLI,
        request: 'x',
      }).expect(400);
      expect(object.body.error).toBe('request_not_supported');
    });

    it('refuses a body over 100 kB (413), another charset and a compressed body (415)', async () => {
      const large = await http()
        .post('/oauth/device_authorization')
        .type(FORM)
        .send(`client_id=${CLI}&scope=${'x'.repeat(101 * 1024)}`)
        .expect(413);
      expect(large.body.error).toBe('invalid_request');
      expect(large.headers['cache-control']).toBe('no-store');
      const latin1 = await http()
        .post('/oauth/device_authorization')
        .set('Content-Type', `${FORM}; charset=iso-8859-1`)
        .send(`client_id=${CLI}`)
        .expect(415);
      expect(latin1.body.error).toBe('invalid_request');
      const gzip = await http()
        .post('/oauth/device_authorization')
        .set('Content-Type', FORM)
        .set('Content-Encoding', 'gzip')
        .send(`client_id=${CLI}`)
        .expect(415);
      expect(gzip.body.error).toBe('invalid_request');
      // A UTF-8 charset parameter is fine, and the id of the request comes back.
      const utf8 = await http()
        .post('/oauth/device_authorization')
        .set('Content-Type', `${FORM}; charset=UTF-8`)
        .send(`client_id=${CLI}`)
        .expect(200);
      expect(utf8.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('issues distinct codes to a burst of devices, drawing again when a user code is live', async () => {
      const taken = (await authorize()).user_code.replace('-', '');
      // The next two draws hit the live code; each device then gets a fresh one.
      const draw = jest
        .spyOn(userCodes, 'generateUserCode')
        .mockReturnValueOnce(taken)
        .mockReturnValueOnce(taken);
      try {
        const burst = await Promise.all(Array.from({ length: 30 }, () => authorize()));
        const codes = new Set(burst.map((b) => b.user_code.replace('-', '')));
        expect(codes.size).toBe(30);
        expect(codes.has(taken)).toBe(false);
        expect(new Set(burst.map((b) => b.device_code)).size).toBe(30);
        expect(draw.mock.calls.length).toBe(32);
      } finally {
        draw.mockRestore();
      }
      const rows = await app.get<Database>(DATABASE).db.select().from(deviceCodes);
      expect(rows.filter((r) => r.userCode === taken)).toHaveLength(1);
    });

    it('refuses unknown and not allowed scopes (invalid_scope)', async () => {
      const unknown = await post('/oauth/device_authorization', {
        client_id: CLI,
        scope: 'root',
      }).expect(400);
      expect(unknown.body.error).toBe('invalid_scope');
      const { clientId, clientSecret } = confidential;
      const wider = await post('/oauth/device_authorization', {
        client_id: clientId,
        client_secret: clientSecret,
        scope: 'servers:manage',
      }).expect(400);
      expect(wider.body.error).toBe('invalid_scope');
    });
  });

  describe('user codes', () => {
    it('are 8 letters of the base-20 alphabet, shown XXXX-XXXX', async () => {
      const { user_code } = await authorize();
      expect(user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    });

    it('are accepted in lower case, without the dash, with stray spaces', async () => {
      const { user_code } = await authorize();
      const typed = ` ${user_code.replace('-', ' ').toLowerCase()} `;
      const res = await browser
        .get('/api/device/activation')
        .query({ user_code: typed })
        .expect(200);
      expect(res.body.userCode).toBe(user_code);
    });

    it('refuses garbage before any lookup, with what a code looks like', async () => {
      const res = await browser
        .get('/api/device/activation')
        .query({ user_code: 'AAAA-0000' })
        .expect(400);
      expect(res.body.error).toBe('invalid_user_code');
      expect(res.body.message).toContain('8 letters');
    });

    it('give one generic message for used, denied and unknown codes', async () => {
      const approved = await authorize();
      await decide(approved.user_code, 'approve').expect(200);
      const denied = await authorize();
      await decide(denied.user_code, 'deny').expect(200);
      for (const code of [approved.user_code, denied.user_code, 'BCDF-GHJK']) {
        const res = await browser
          .get('/api/device/activation')
          .query({ user_code: code })
          .expect(404);
        expect(res.body.message).toContain('unknown, already used, denied or expired');
      }
    });

    it('limit wrong codes per session, and a success does not reset the count', async () => {
      const agent = request.agent(app.getHttpServer());
      await signIn(agent, 'linode', 1);
      const good = await authorize();
      for (let i = 0; i < 9; i++) {
        await agent.get('/api/device/activation').query({ user_code: 'ZZZZ-ZZZZ' }).expect(404);
      }
      await agent.get('/api/device/activation').query({ user_code: good.user_code }).expect(200);
      await agent.get('/api/device/activation').query({ user_code: 'ZZZZ-ZZZZ' }).expect(404);
      const blocked = await agent
        .get('/api/device/activation')
        .query({ user_code: good.user_code })
        .expect(429);
      expect(blocked.body.error).toBe('too_many_attempts');
    });

    it('count neither malformed codes nor codes already decided as guesses', async () => {
      const agent = request.agent(app.getHttpServer());
      await signIn(agent, 'linode', 2);
      const decided = await authorize();
      await decide(decided.user_code, 'deny').expect(200);
      for (let i = 0; i < 12; i++) {
        await agent.get('/api/device/activation').query({ user_code: 'AAAA-0000' }).expect(400);
        await agent
          .get('/api/device/activation')
          .query({ user_code: decided.user_code })
          .expect(404);
      }
      const good = await authorize();
      await agent.get('/api/device/activation').query({ user_code: good.user_code }).expect(200);
    });

    it('lock out one person who guesses, never everyone', async () => {
      const guesser = request.agent(app.getHttpServer());
      await signIn(guesser, 'digitalocean', 1);
      // Each guess from another address: the session and the person still count them all.
      for (let i = 0; i < 10; i++) {
        await guesser
          .get('/api/device/activation')
          .set('X-Forwarded-For', `198.51.100.${i}`)
          .query({ user_code: 'ZZZZ-ZZZZ' })
          .expect(404);
      }
      const good = await authorize();
      await guesser
        .get('/api/device/activation')
        .set('X-Forwarded-For', '198.51.100.99')
        .query({ user_code: good.user_code })
        .expect(429);
      const other = request.agent(app.getHttpServer());
      await signIn(other, 'digitalocean', 2);
      await other.get('/api/device/activation').query({ user_code: good.user_code }).expect(200);
    });
  });

  describe('activation', () => {
    it('requires a signed-in browser, not a device token', async () => {
      const { user_code } = await authorize();
      await http().get('/api/device/activation').query({ user_code }).expect(401);
      const { access_token } = await tokensFor();
      const res = await http()
        .get('/api/device/activation')
        .query({ user_code })
        .set('Authorization', `Bearer ${access_token}`)
        .expect(403);
      expect(res.body.error).toBe('insufficient_scope');
    });

    it('shows the client name, the scopes in words and the code to compare', async () => {
      const { user_code } = await authorize({ client_id: CLI, scope: 'servers:read account:read' });
      const res = await browser.get('/api/device/activation').query({ user_code }).expect(200);
      expect(res.body).toMatchObject({
        userCode: user_code,
        clientName: 'Launchpad CLI',
        scopes: [
          { scope: 'servers:read', description: expect.stringContaining('See your servers') },
          { scope: 'account:read', description: expect.stringContaining('Launchpad profile') },
        ],
      });
    });

    it('needs the CSRF token to approve', async () => {
      const { user_code } = await authorize();
      const res = await decide(user_code, 'approve', browser, 'forged').expect(403);
      expect(res.body.error).toBe('csrf_token_invalid');
    });

    it('cannot decide a code twice (back button, replay)', async () => {
      const { user_code } = await authorize();
      await decide(user_code, 'deny').expect(200);
      await decide(user_code, 'approve').expect(404);
    });

    it('forbids framing of the SPA page', async () => {
      const res = await http().get('/activate?user_code=BCDF-GHJK').expect(200);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    });
  });

  describe('token endpoint', () => {
    it('answers authorization_pending while the person decides, never slow_down on the first poll', async () => {
      const { device_code } = await authorize();
      const res = await poll(device_code).expect(400);
      expect(res.body.error).toBe('authorization_pending');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('answers each of a burst of polls for its own code, and counts polls of one code one by one', async () => {
      const started = await Promise.all(Array.from({ length: 20 }, () => authorize()));
      const first = await Promise.all(started.map((s) => poll(s.device_code)));
      expect(first.map((r) => r.body.error)).toEqual(Array(20).fill('authorization_pending'));
      // Two more polls of one code at once: each is too early, and the second sees the first.
      const [a, b] = await Promise.all([
        poll(started[0]!.device_code),
        poll(started[0]!.device_code),
      ]);
      expect([a!.body.error, b!.body.error]).toEqual(['slow_down', 'slow_down']);
      expect([a!.headers['retry-after'], b!.headers['retry-after']].sort()).toEqual(['10', '15']);
      // The other codes were not touched by those.
      expect((await poll(started[1]!.device_code).expect(400)).body.error).toBe('slow_down');
      expect((await poll(started[1]!.device_code).expect(400)).headers['retry-after']).toBe('15');
    });

    it('answers access_denied after a denial', async () => {
      const { device_code, user_code } = await authorize();
      await decide(user_code, 'deny').expect(200);
      expect((await poll(device_code).expect(400)).body.error).toBe('access_denied');
    });

    it('issues tokens after approval (RFC 6749 §5.1), no-store', async () => {
      const { device_code, user_code } = await authorize();
      await decide(user_code, 'approve').expect(200);
      const res = await poll(device_code).expect(200);
      expect(res.body).toMatchObject({
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'servers:read servers:deploy servers:manage account:read',
      });
      expect(res.body.access_token).toMatch(/^lpa_/);
      expect(res.body.refresh_token).toMatch(/^lpr_/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['pragma']).toBe('no-cache');
      const list = await servers(res.body.access_token).expect(200);
      expect(list.body).toHaveProperty('servers');
    });

    it('refuses the same device code twice and revokes what it issued', async () => {
      const { device_code, user_code } = await authorize();
      await decide(user_code, 'approve').expect(200);
      const first = await poll(device_code).expect(200);
      const again = await poll(device_code).expect(400);
      expect(again.body.error).toBe('invalid_grant');
      await servers(first.body.access_token).expect(401);
    });

    it("refuses another client's device code", async () => {
      const { device_code } = await authorize();
      const res = await post('/oauth/token', {
        grant_type: DEVICE_CODE_GRANT,
        device_code,
        client_id: confidential.clientId,
        client_secret: confidential.clientSecret,
      }).expect(400);
      expect(res.body.error).toBe('invalid_grant');
    });

    it('gives exactly one of concurrent polls the tokens', async () => {
      const { device_code, user_code } = await authorize();
      await decide(user_code, 'approve').expect(200);
      const answers = await Promise.all(Array.from({ length: 5 }, () => poll(device_code)));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      expect(answers.filter((r) => r.body.error === 'invalid_grant')).toHaveLength(4);
    });

    it('answers expired_token for an expired code, also after it is swept into a tombstone', async () => {
      const { device_code } = await authorize();
      const db = app.get<Database>(DATABASE).db;
      await db.update(deviceCodes).set({ expiresAt: new Date(Date.now() - 2 * 86_400_000) });
      expect((await poll(device_code).expect(400)).body.error).toBe('expired_token');
      await app.get(DeviceFlowService).sweep();
      expect(await db.select().from(deviceCodes)).toEqual([]);
      expect((await poll(device_code).expect(400)).body.error).toBe('expired_token');
    });

    it('answers unsupported_grant_type and invalid_request clearly', async () => {
      const other = await post('/oauth/token', { grant_type: 'password', client_id: CLI }).expect(
        400,
      );
      expect(other.body.error).toBe('unsupported_grant_type');
      const none = await post('/oauth/token', { client_id: CLI }).expect(400);
      expect(none.body.error).toBe('invalid_request');
    });
  });

  (process.env['DATABASE_URL'] ? it : it.skip)(
    'two instances on one PostgreSQL: issued by one, approved via the other, polled on both at once, one winner (skipped on PGlite)',
    async () => {
      const other = await createLaunchpadApp(config, features);
      try {
        await other.init();
        const started = await authorize();
        const pollForm = {
          grant_type: DEVICE_CODE_GRANT,
          device_code: started.device_code,
          client_id: CLI,
        };
        // While pending, too-fast polls on both instances are counted one after the other.
        expect((await poll(started.device_code).expect(400)).body.error).toBe(
          'authorization_pending',
        );
        const early = await Promise.all([
          poll(started.device_code),
          poll(started.device_code),
          request(other.getHttpServer()).post('/oauth/token').type('form').send(pollForm),
          request(other.getHttpServer()).post('/oauth/token').type('form').send(pollForm),
        ]);
        expect(early.map((r) => r.body.error)).toEqual(Array(4).fill('slow_down'));
        expect(early.map((r) => Number(r.headers['retry-after'])).sort((a, b) => a - b)).toEqual([
          10, 15, 20, 25,
        ]);
        const otherBrowser = request.agent(other.getHttpServer());
        await signIn(otherBrowser, 'linode');
        const otherCsrf = ((await otherBrowser.get('/api/session').expect(200)).body as SessionView)
          .csrfToken;
        await decide(started.user_code, 'approve', otherBrowser, otherCsrf).expect(200);
        const answers = await Promise.all([
          ...Array.from({ length: 3 }, () => post('/oauth/token', pollForm)),
          ...Array.from({ length: 3 }, () =>
            request(other.getHttpServer()).post('/oauth/token').type('form').send(pollForm),
          ),
        ]);
        expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
        expect(answers.filter((r) => r.body.error === 'invalid_grant')).toHaveLength(5);
      } finally {
        await other.close();
      }
    },
  );

  describe('client registry', () => {
    it('lets admins (ADMIN_EMAILS) register, list and remove clients; a secret is shown once', async () => {
      expect(((await browser.get('/api/session').expect(200)).body as SessionView).user.admin).toBe(
        true,
      );
      const created = await browser
        .post('/api/admin/clients')
        .set(CSRF_HEADER, csrf)
        .send({ name: 'Wall display', type: 'confidential', allowedScopes: ['servers:read'] })
        .expect(201);
      const { client, clientSecret } = created.body as {
        client: { clientId: string; defaultScopes: string[] };
        clientSecret: string;
      };
      expect(clientSecret).toMatch(/^[\w-]{43}$/);
      expect(client.defaultScopes).toEqual(['servers:read']);
      const list = await browser.get('/api/admin/clients').expect(200);
      expect(JSON.stringify(list.body)).not.toContain(clientSecret);
      expect(list.body.map((c: { clientId: string }) => c.clientId)).toContain(client.clientId);
      // The secret works at the token endpoints (here: introspection).
      await http()
        .post('/oauth/introspect')
        .auth(client.clientId, clientSecret)
        .type('form')
        .send({ token: 'lpa_x' })
        .expect(200);
      await browser
        .delete(`/api/admin/clients/${client.clientId}`)
        .set(CSRF_HEADER, csrf)
        .expect(204);
      await browser.delete('/api/admin/clients/launchpad-cli').set(CSRF_HEADER, csrf).expect(409);
      const invalid = await browser
        .post('/api/admin/clients')
        .set(CSRF_HEADER, csrf)
        .send({ name: '', type: 'public', allowedScopes: ['root'] })
        .expect(422);
      expect(invalid.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'allowedScopes.0',
        'name',
      ]);
    });

    it('refuses everyone else', async () => {
      const grace = request.agent(app.getHttpServer());
      await signIn(grace, 'linode', 1);
      const res = await grace.get('/api/admin/clients').expect(403);
      expect(res.body.error).toBe('admin_only');
    });
  });

  describe('slow_down (the service, on a controlled clock)', () => {
    it('is never the first answer, comes for a too-fast poll with the new interval, and recovers', async () => {
      let now = Date.now();
      const db = app.get<Database>(DATABASE).db;
      const clients = app.get(OAuthClientsService);
      const devices = new DeviceFlowService(
        db,
        clients,
        app.get(OAuthTokensService),
        app.get<DeviceConfig>(deviceConfig.KEY),
        app.get<AppConfig>(appConfig.KEY),
        app.get(DeviceTokenPollMetrics),
        () => new Date(now),
      );
      const client = await clients.find(CLI);
      if (!client) throw new Error('no CLI client');
      const { device_code } = await devices.authorize(client, undefined);
      const error = (p: Promise<unknown>) =>
        p.then(
          () => 'ok',
          (e: { error: string; headers?: object }) => e,
        );
      expect(await error(devices.poll(client, device_code))).toMatchObject({
        error: 'authorization_pending',
      });
      now += 4_200; // within the 1 s tolerance of the 5 s interval: still on time
      expect(await error(devices.poll(client, device_code))).toMatchObject({
        error: 'authorization_pending',
      });
      now += 1_000;
      expect(await error(devices.poll(client, device_code))).toMatchObject({
        error: 'slow_down',
        headers: { 'Retry-After': '10' },
      });
      now += 10_000;
      expect(await error(devices.poll(client, device_code))).toMatchObject({
        error: 'authorization_pending',
      });
    });
  });

  describe('refresh', () => {
    it('rotates, and a reused refresh token revokes the whole family', async () => {
      const first = await tokensFor();
      const rotated = await post('/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: CLI,
      }).expect(200);
      expect(rotated.body.refresh_token).not.toBe(first.refresh_token);
      await servers(rotated.body.access_token).expect(200);
      const reuse = await post('/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: CLI,
      }).expect(400);
      expect(reuse.body.error).toBe('invalid_grant');
      await servers(rotated.body.access_token).expect(401);
      await post('/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: rotated.body.refresh_token,
        client_id: CLI,
      }).expect(400);
    });

    it('narrows the scope on request, and never widens it', async () => {
      const first = await tokensFor();
      const narrow = await post('/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: CLI,
        scope: 'servers:read',
      }).expect(200);
      expect(narrow.body.scope).toBe('servers:read');
      const wide = await post('/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: narrow.body.refresh_token,
        client_id: CLI,
        scope: 'servers:read servers:manage',
      }).expect(400);
      expect(wide.body.error).toBe('invalid_scope');
    });
  });

  describe('revocation and introspection', () => {
    it('answers 200 for an unknown token; revoking the refresh token kills the access token', async () => {
      await post('/oauth/revoke', { token: 'lpr_unknown', client_id: CLI }).expect(200);
      const tokens = await tokensFor();
      await post('/oauth/revoke', { token: tokens.refresh_token, client_id: CLI }).expect(200);
      await servers(tokens.access_token).expect(401);
    });

    it('introspects for confidential clients only, and says only active:false for a dead token', async () => {
      const tokens = await tokensFor();
      await post('/oauth/introspect', { token: tokens.access_token, client_id: CLI }).expect(401);
      const basic = (token: string) =>
        http()
          .post('/oauth/introspect')
          .auth(confidential.clientId, confidential.clientSecret)
          .type('form')
          .send({ token });
      const live = await basic(tokens.access_token).expect(200);
      expect(live.body).toMatchObject({ active: true, client_id: CLI, token_type: 'Bearer' });
      expect((await basic('lpa_nope').expect(200)).body).toEqual({ active: false });
    });
  });

  describe('hostile input', () => {
    it('refuses a client that authenticates twice (RFC 6749 §2.3), changing nothing', async () => {
      const tokens = await tokensFor();
      const twice = await http()
        .post('/oauth/introspect')
        .auth(confidential.clientId, confidential.clientSecret)
        .type('form')
        .send({
          token: tokens.access_token,
          client_id: confidential.clientId,
          client_secret: confidential.clientSecret,
        })
        .expect(400);
      expect(twice.body.error).toBe('invalid_request');
      const otherId = await http()
        .post('/oauth/revoke')
        .auth(confidential.clientId, confidential.clientSecret)
        .type('form')
        .send({ token: tokens.access_token, client_id: CLI })
        .expect(400);
      expect(otherId.body.error).toBe('invalid_request');
      await servers(tokens.access_token).expect(200);
    });

    it('answers control characters with 4xx, never reaching the database', async () => {
      for (const [path, form] of [
        [
          '/oauth/token',
          { client_id: `${CLI}\u0000`, grant_type: 'refresh_token', refresh_token: 'x' },
        ],
        ['/oauth/device_authorization', { client_id: '\u0000' }],
        ['/oauth/revoke', { client_id: `${CLI}\u0000`, token: 'x' }],
        ['/oauth/introspect', { client_id: `${CLI}\u0000`, token: 'x' }],
      ] as const) {
        const res = await post(path, form).expect(401);
        expect(res.body.error).toBe('invalid_client');
      }
      const named = await browser
        .post('/api/admin/clients')
        .set(CSRF_HEADER, csrf)
        .send({ name: 'a\u0000b', type: 'public', allowedScopes: ['servers:read'] })
        .expect(422);
      expect(named.body.fields).toEqual([
        { field: 'name', message: 'must not contain control characters' },
      ]);
      const removed = await browser
        .delete('/api/admin/clients/1%00')
        .set(CSRF_HEADER, csrf)
        .expect(404);
      expect(removed.body.error).toBe('not_found');
    });

    it('refuses a refresh that widens the scope without spending the refresh token', async () => {
      const started = await authorize({ client_id: CLI, scope: 'servers:read' });
      await decide(started.user_code, 'approve').expect(200);
      const tokens = (await poll(started.device_code).expect(200)).body as {
        refresh_token: string;
        scope: string;
      };
      expect(tokens.scope).toBe('servers:read');
      const wider = await post('/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        scope: 'servers:read servers:manage',
        client_id: CLI,
      }).expect(400);
      expect(wider.body.error).toBe('invalid_scope');
      await post('/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: CLI,
      }).expect(200);
    });
  });

  describe('the protected API', () => {
    it('answers 401 invalid_token and 403 insufficient_scope with RFC 6750 challenges', async () => {
      const bad = await servers('lpa_not-a-token').expect(401);
      expect(bad.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
      expect(bad.body.error).toBe('invalid_token');
      const { device_code, user_code } = await authorize({ client_id: CLI, scope: 'account:read' });
      await decide(user_code, 'approve').expect(200);
      const { access_token } = (await poll(device_code).expect(200)).body as {
        access_token: string;
      };
      const narrow = await servers(access_token).expect(403);
      expect(narrow.headers['www-authenticate']).toBe(
        'Bearer error="insufficient_scope", scope="servers:read"',
      );
      await http().get('/api/session').set('Authorization', `Bearer ${access_token}`).expect(200);
    });
  });
});
