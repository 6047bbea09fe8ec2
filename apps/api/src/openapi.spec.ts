import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  CSRF_HEADER,
  type DeploymentCreated,
  type DeviceActivationView,
  IDEMPOTENCY_KEY_HEADER,
  type LinkedAccountView,
  type OAuthClientRegistered,
  type ServerList,
  type SessionView,
} from '@launchpad/shared-api-types';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import { DEVICE_CODE_GRANT } from '@launchpad/api-oauth-server';
import {
  type Agent,
  OpenApiConformance,
  type OpenApiDocument,
  type SandboxApp,
  consent,
  readEventStream,
  signIn,
  startSandboxApp,
  statusEventsOf,
} from '@launchpad/api-testing';
import { AppModule } from './app.module';

jest.setTimeout(120_000);

const CLI = 'launchpad-cli';
const PLAIN_LINODE = {
  provider: 'linode',
  application: 'plain',
  plan: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  label: 'openapi-1',
  fields: {},
};

/** An Express route as Nest registered it. */
interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * The served OpenAPI document against the real app on the provider sandbox: every route the app
 * serves is documented, and every documented operation is called for real (its success, and a
 * 422 where it takes a JSON body), each answer's status listed and its JSON body valid against
 * the document's schema for that status. A route added without documentation, a status or a
 * field the document does not have, fails here.
 */
describe('the OpenAPI document and the real answers', () => {
  let running: SandboxApp<NestExpressApplication>;
  let app: NestExpressApplication;
  let api: OpenApiConformance;
  let ada: Agent;
  let grace: Agent;
  let adaSession: SessionView;
  let graceSession: SessionView;

  const http = () => request(app.getHttpServer());
  /** Sends the request and checks its answer against the document. */
  const checked = async (test: request.Test) => api.check(await test);
  const write = (agent: Agent, session: SessionView) => ({
    post: (path: string) => agent.post(path).set(CSRF_HEADER, session.csrfToken),
    delete: (path: string) => agent.delete(path).set(CSRF_HEADER, session.csrfToken),
  });
  const form = (path: string, fields: Record<string, string>) =>
    http().post(path).type('form').send(fields);
  const bearer = (token: string, path: string) =>
    http().get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    running = await startSandboxApp((config) =>
      createLaunchpadApp({ ...config, app: { ...config.app, adminEmails: ['ada@example.com'] } }, [
        AppModule,
      ]),
    );
    app = running.app;
    // ada's two Linodes and Sammy's droplet.
    await fetch(`${running.sandbox.url}/_sandbox/seed`, { method: 'POST' });
    const document = (await http().get('/api/docs/openapi.json').expect(200))
      .body as OpenApiDocument;
    api = new OpenApiConformance(document);
    ada = request.agent(app.getHttpServer());
    grace = request.agent(app.getHttpServer());
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('documents exactly the routes the app serves under /api, /oauth and /.well-known, and /metrics', () => {
    const router = (app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } })
      .router;
    const served = router.stack
      .flatMap(({ route }) =>
        Object.keys(route?.methods ?? {}).map(
          (method) => `${method.toUpperCase()} ${route?.path.replace(/:(\w+)/g, '{$1}') ?? ''}`,
        ),
      )
      .filter((route) => /^\S+ \/((api|oauth|\.well-known)\/|metrics$)/.test(route))
      .filter((route) => !/^\S+ \/api\/docs/.test(route));
    expect([...new Set(served)].sort()).toEqual([...api.operations].sort());
  });

  it('answers the public routes as documented', async () => {
    await checked(http().get('/api/health').expect(200));
    await checked(http().get('/api/health/live').expect(200));
    await checked(http().get('/api/health/ready').expect(200));
    // Prometheus's text format; its 401 (METRICS_TOKEN set) is checked in metrics.spec.
    await checked(http().get('/metrics').expect(200));
    await checked(http().get('/api/applications').expect(200));
    await checked(http().get('/api/catalog/linode?application=plain').expect(200));
    await checked(http().get('/api/catalog/linode?application=').expect(422));
    await checked(http().get('/api/catalog/linode?application=nope').expect(404));
    await checked(http().get('/api/catalog/aws').expect(404));
    // DigitalOcean's catalog needs someone's token until it is cached.
    await checked(http().get('/api/catalog/digitalocean').expect(409));
    await checked(http().get('/.well-known/oauth-authorization-server').expect(200));
    await checked(http().get('/api/session').expect(401));
    await checked(http().get('/api/servers').set('Authorization', 'Bearer lpa_nope').expect(401));
  });

  it('signs in with a redirect to the provider and one back to the SPA', async () => {
    const started = await checked(ada.get('/api/auth/linode').expect(303));
    const callback = await consent(new URL(started.headers['location'] as string));
    const back = await checked(ada.get(callback).expect(303));
    expect(back.headers['location']).toBe('/servers');
    await checked(http().get('/api/auth/aws').expect(404));

    const refused = await checked(grace.get('/api/auth/linode').expect(303));
    const denied = await consent(new URL(refused.headers['location'] as string), {
      decision: 'deny',
      user: 1,
    });
    const failed = await checked(grace.get(denied).expect(303));
    expect(failed.headers['location']).toMatch(/^\/sign-in\/failed\?/);

    await signIn(ada, 'digitalocean', 0);
    await signIn(grace, 'linode', 1);
    adaSession = (await checked(ada.get('/api/session').expect(200))).body as SessionView;
    graceSession = (await checked(grace.get('/api/session').expect(200))).body as SessionView;
    expect(adaSession.user.admin).toBe(true);
    expect(graceSession.user.admin).toBe(false);
    await checked(ada.get('/api/catalog/digitalocean').expect(200));
  });

  it('lists, reads, reboots and deletes servers as documented', async () => {
    const { servers } = (await checked(ada.get('/api/servers').expect(200))).body as ServerList;
    const [blog, buildBox] = servers.filter((s) => s.provider === 'linode');
    expect(blog && buildBox).toBeTruthy();
    await checked(ada.get(`/api/servers/linode/${blog?.id}`).expect(200));
    await checked(ada.get('/api/servers/linode/abc').expect(404));
    await checked(ada.get('/api/servers/aws/1').expect(404));
    await checked(grace.get('/api/servers/digitalocean/1').expect(409));
    await checked(ada.post(`/api/servers/linode/${blog?.id}/reboot`).expect(403));
    await checked(
      write(ada, adaSession).post(`/api/servers/linode/${blog?.id}/reboot`).expect(202),
    );
    await checked(write(ada, adaSession).delete(`/api/servers/linode/${buildBox?.id}`).expect(202));
  });

  it('deploys, replays, lists, reads and streams deployments as documented', async () => {
    const key = randomUUID();
    const deploy = (body: object, idempotencyKey: string | null = key) => {
      const req = write(ada, adaSession).post('/api/deployments');
      return (idempotencyKey ? req.set(IDEMPOTENCY_KEY_HEADER, idempotencyKey) : req).send(body);
    };
    const created = (await checked(deploy(PLAIN_LINODE).expect(201))).body as DeploymentCreated;
    await checked(deploy(PLAIN_LINODE).expect(200));
    await checked(deploy(PLAIN_LINODE, null).expect(400));
    const invalid = await checked(deploy({ provider: 'aws', label: 7 }, randomUUID()).expect(422));
    expect(invalid.body.error).toBe('validation_failed');
    expect(invalid.body.fields.map((f: { field: string }) => f.field)).toContain('provider');
    await checked(deploy({ ...PLAIN_LINODE, label: '-x' }, randomUUID()).expect(422));

    const id = created.deployment.id;
    await checked(ada.get('/api/deployments').expect(200));
    await checked(ada.get(`/api/deployments/${id}`).expect(200));
    await checked(ada.get(`/api/deployments/${randomUUID()}`).expect(404));
    await checked(grace.get(`/api/deployments/${id}/events`).expect(404));

    const stream = await checked(
      readEventStream(ada.get(`/api/deployments/${id}/events`)).expect(200),
    );
    const events = statusEventsOf(stream.body);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) api.checkComponent('DeploymentView', event);
    const last = events.at(-1) as { version: number };
    await checked(
      ada
        .get(`/api/deployments/${id}/events`)
        .set('Last-Event-ID', String(last.version))
        .expect(204),
    );
  });

  it('registers, lists and removes OAuth clients for admins only, as documented', async () => {
    await checked(grace.get('/api/admin/clients').expect(403));
    // The admin check comes before validation: a non-admin learns nothing of the schema.
    await checked(write(grace, graceSession).post('/api/admin/clients').send({}).expect(403));
    const invalid = await checked(
      write(ada, adaSession)
        .post('/api/admin/clients')
        .send({ name: '', type: 'public', allowedScopes: ['root'] })
        .expect(422),
    );
    expect(invalid.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'allowedScopes.0',
      'name',
    ]);
    const { client, clientSecret } = (
      await checked(
        write(ada, adaSession)
          .post('/api/admin/clients')
          .send({ name: 'Build box', type: 'confidential', allowedScopes: ['servers:read'] })
          .expect(201),
      )
    ).body as OAuthClientRegistered;
    await checked(ada.get('/api/admin/clients').expect(200));
    await checked(
      http()
        .post('/oauth/introspect')
        .auth(client.clientId, clientSecret ?? '')
        .type('form')
        .send({ token: 'lpa_unknown' })
        .expect(200),
    );
    await checked(form('/oauth/introspect', { token: 'lpa_unknown', client_id: CLI }).expect(401));
    await checked(write(ada, adaSession).delete('/api/admin/clients/launchpad-cli').expect(409));
    await checked(write(ada, adaSession).delete('/api/admin/clients/lpc_nope').expect(404));
    await checked(
      write(ada, adaSession).delete(`/api/admin/clients/${client.clientId}`).expect(204),
    );
  });

  it('runs the device flow and serves device tokens as documented', async () => {
    const authorize = async (scope = 'servers:read account:read') =>
      (await checked(form('/oauth/device_authorization', { client_id: CLI, scope }).expect(200)))
        .body as { device_code: string; user_code: string };
    const poll = (deviceCode: string) =>
      form('/oauth/token', {
        grant_type: DEVICE_CODE_GRANT,
        device_code: deviceCode,
        client_id: CLI,
      });
    const decide = (body: object) =>
      write(ada, adaSession).post('/api/device/activation').send(body);

    await checked(http().post('/oauth/device_authorization').send({ client_id: CLI }).expect(400));
    await checked(form('/oauth/device_authorization', { client_id: 'nope' }).expect(401));
    await checked(poll((await authorize()).device_code).expect(400));

    const started = await authorize();
    const lookup = (userCode: string) =>
      ada.get('/api/device/activation').query({ user_code: userCode });
    const pending = (await checked(lookup(started.user_code).expect(200)))
      .body as DeviceActivationView;
    expect(pending.clientName).toBe('Launchpad CLI');
    await checked(lookup('AAAA-0000').expect(400));
    await checked(lookup('BCDF-GHJK').expect(404));
    await checked(decide({ user_code: started.user_code, decision: 'maybe' }).expect(422));
    await checked(decide({ user_code: started.user_code, decision: 'approve' }).expect(200));
    const tokens = (await checked(poll(started.device_code).expect(200))).body as {
      access_token: string;
      refresh_token: string;
    };

    await checked(bearer(tokens.access_token, '/api/servers').expect(200));
    await checked(bearer(tokens.access_token, '/api/accounts').expect(200));
    await checked(
      bearer(tokens.access_token, `/api/device/activation?user_code=${started.user_code}`).expect(
        403,
      ),
    );
    const narrow = await authorize('account:read');
    await checked(decide({ user_code: narrow.user_code, decision: 'deny' }).expect(200));
    await checked(poll(narrow.device_code).expect(400));

    const refreshed = await checked(
      form('/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: CLI,
      }).expect(200),
    );
    await checked(bearer(refreshed.body.access_token as string, '/api/session').expect(200));
    await checked(
      form('/oauth/revoke', {
        token: refreshed.body.refresh_token as string,
        client_id: CLI,
      }).expect(200),
    );
    await checked(bearer(refreshed.body.access_token as string, '/api/deployments').expect(401));
  });

  it('disconnects accounts and logs out as documented', async () => {
    const accounts = (await checked(ada.get('/api/accounts').expect(200)))
      .body as LinkedAccountView[];
    const digitalocean = accounts.find((a) => a.provider === 'digitalocean');
    await checked(write(ada, adaSession).delete('/api/accounts/not-a-uuid').expect(404));
    await checked(ada.delete(`/api/accounts/${digitalocean?.id}`).expect(403));
    await checked(write(ada, adaSession).delete(`/api/accounts/${digitalocean?.id}`).expect(200));
    const linode = accounts.find((a) => a.provider === 'linode');
    await checked(write(ada, adaSession).delete(`/api/accounts/${linode?.id}`).expect(409));
    await checked(ada.post('/api/auth/logout').expect(403));
    await checked(write(ada, adaSession).post('/api/auth/logout').expect(200));
    await checked(ada.get('/api/session').expect(401));
  });

  it('has had every documented operation answer a success, and a 422 where it takes JSON', () => {
    const missing = api.operations.filter((operation) => {
      const statuses = [...(api.exercised.get(operation) ?? [])];
      const [method = '', template = ''] = operation.split(' ');
      const takesJson =
        !!api.document.paths[template]?.[method.toLowerCase()]?.requestBody?.content[
          'application/json'
        ];
      return !statuses.some((s) => s < 400) || (takesJson && !statuses.includes(422));
    });
    expect(missing).toEqual([]);
  });
});
