import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  CSRF_HEADER,
  type CatalogView,
  type DeploymentCreated,
  type DeploymentView,
  IDEMPOTENCY_KEY_HEADER,
  type ServerList,
  type SessionView,
} from '@launchpad/shared-api-types';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { parse } from 'yaml';
import { createLaunchpadApp } from '@launchpad/api-core';
import type { LaunchpadConfig } from '@launchpad/api-config';
import type { Database } from '@launchpad/api-database';
import { DATABASE } from '@launchpad/api-database';
import { deployments, users } from '@launchpad/api-database';
import { type SandboxProcess, startSandbox } from '@launchpad/api-testing';
import { type Agent, readEventStream, signIn, statusEventsOf } from '@launchpad/api-testing';
import { testConfig } from '@launchpad/api-testing';
import { type TestDatabase, createTestDatabase } from '@launchpad/api-testing';
import { AuthModule } from '@launchpad/api-auth';
import { CatalogModule } from '@launchpad/api-catalog';
import { ServersModule } from '@launchpad/api-servers';
import { DeploymentsModule } from './deployments.module';

/** The features this suite exercises, on the core every Launchpad app has. */
const features = [AuthModule, CatalogModule, ServersModule, DeploymentsModule];

const WORDPRESS = {
  provider: 'linode',
  application: 'wordpress',
  plan: 'g6-standard-1',
  region: 'us-east',
  image: 'linode/debian12',
  label: 'blog-1',
  fields: { soa_email_address: 'ada@example.com', webserver_stack: 'LEMP' },
};

/**
 * The catalog, deployments and the servers dashboard over HTTP, against the real sandbox:
 * validation, idempotency, live progress, partial failures under injected faults, scopes per
 * action, and a restart in the middle of a deployment.
 */
// A sandbox server provisions for 4 s and boots for 3 s; retried reads back off for seconds.
jest.setTimeout(60_000);

describe('deploying and managing servers', () => {
  let sandbox: SandboxProcess;
  let testDb: TestDatabase;
  let config: LaunchpadConfig;
  let app: NestExpressApplication;
  let agent: Agent;
  let csrf: string;

  const boot = async () => {
    app = await createLaunchpadApp(config, features);
    await app.init();
  };

  beforeAll(async () => {
    sandbox = await startSandbox();
    testDb = await createTestDatabase();
    config = { ...testConfig(testDb.config), providers: structuredClone(sandbox.providers) };
    await boot();
  });

  afterAll(async () => {
    await app?.close();
    await testDb?.dispose();
    await sandbox?.stop();
  });

  beforeEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    await app.get<Database>(DATABASE).db.delete(users);
    agent = request.agent(app.getHttpServer());
    await signIn(agent, 'linode');
    await signIn(agent, 'digitalocean');
    csrf = ((await agent.get('/api/session').expect(200)).body as SessionView).csrfToken;
  });

  const control = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${sandbox.url}/_sandbox${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const fault = (body: Record<string, unknown>) => control('/faults', 'POST', body);
  const deploy = (body: unknown, key: string | null = randomUUID()) => {
    const req = agent.post('/api/deployments').set(CSRF_HEADER, csrf);
    return (key === null ? req : req.set(IDEMPOTENCY_KEY_HEADER, key)).send(body as object);
  };

  /** Reads the deployment's event stream to its end; returns each event's data. */
  async function events(id: string): Promise<DeploymentView[]> {
    const res = await readEventStream(agent.get(`/api/deployments/${id}/events`))
      .expect(200)
      .expect('Content-Type', /text\/event-stream/);
    return statusEventsOf(res.body) as DeploymentView[];
  }

  it('offers a Linode application: plans with prices, regions, its images and its UDFs', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/catalog/linode?application=wordpress')
      .expect(200);
    const catalog = res.body as CatalogView;
    expect(catalog.plans.find((p) => p.id === 'g6-nanode-1')).toMatchObject({
      label: 'Nanode 1GB',
      priceMonthly: 5,
    });
    expect(catalog.plans[0]?.regions).toContain('us-east');
    expect(catalog.images.map((i) => i.id).sort()).toEqual([
      'linode/debian12',
      'linode/ubuntu22.04',
      'linode/ubuntu24.04',
    ]);
    expect(catalog.fields).toContainEqual(
      expect.objectContaining({ name: 'soa_email_address', required: true, kind: 'email' }),
    );
    expect(catalog.fields).toContainEqual(
      expect.objectContaining({
        name: 'webserver_stack',
        kind: 'oneof',
        options: ['LAMP', 'LEMP'],
      }),
    );
    await request(app.getHttpServer()).get('/api/catalog/linode?application=nope').expect(404);
  });

  it('refuses bad input with field-level errors, before anything is created', async () => {
    const res = await deploy({
      ...WORDPRESS,
      label: '9--bad',
      region: 'mars-1',
      image: 'linode/fedora40',
      fields: { webserver_stack: 'IIS', colour: 'red' },
    }).expect(422);
    expect(res.body.error).toBe('validation_failed');
    expect((res.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual([
      'fields.colour',
      'fields.soa_email_address',
      'fields.webserver_stack',
      'image',
      'label',
      'region',
    ]);
    // Linode's UDFs carry no type: the application says this one is an email address.
    const email = await deploy({
      ...WORDPRESS,
      fields: { ...WORDPRESS.fields, soa_email_address: 'not-an-email' },
    }).expect(422);
    expect(email.body.fields).toEqual([
      {
        field: 'fields.soa_email_address',
        message: expect.stringContaining('must be an email address'),
      },
    ]);
    await deploy({ ...WORDPRESS, plan: 7 }).expect(422);
    await deploy(WORDPRESS, null).expect(400);
    expect(await app.get<Database>(DATABASE).db.select().from(deployments)).toEqual([]);
  });

  it('deploys a StackScript app once for one Idempotency-Key, returns the password once, streams progress to running', async () => {
    const key = randomUUID();
    const [first, second] = await Promise.all([deploy(WORDPRESS, key), deploy(WORDPRESS, key)]);
    const created = [first, second].map((r) => r.body as DeploymentCreated);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(created[0]?.deployment.id).toBe(created[1]?.deployment.id);
    const passwords = created.map((c) => c.rootPassword).filter(Boolean);
    expect(passwords).toHaveLength(1);
    expect(passwords[0]).toMatch(/^.{24}$/);
    const id = created[0]?.deployment.id ?? '';

    const stream = await events(id);
    const statuses = stream.map((e) => e.status);
    expect(statuses.at(-1)).toBe('running');
    // Each change in order (a poll may see provisioning end after booting already has).
    const order = ['queued', 'provisioning', 'booting', 'running'];
    expect(statuses.map((x) => order.indexOf(x))).toEqual(
      [...statuses.map((x) => order.indexOf(x))].sort((a, b) => a - b),
    );
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    const done = stream.at(-1);
    expect(done?.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(done?.sshCommand).toBe(`ssh root@${done?.ipv4}`);
    expect(done?.monthlyPrice).toBe(12);
    // How to reach WordPress, once running (and not before).
    expect(done?.access).toEqual([
      { label: 'Website', url: `http://${done?.ipv4}/` },
      { label: 'WordPress admin', url: `http://${done?.ipv4}/wp-admin` },
      { label: 'SSH', url: `ssh://root@${done?.ipv4}` },
    ]);
    expect(stream.filter((e) => e.status !== 'running').every((e) => e.access.length === 0)).toBe(
      true,
    );

    // One server at the provider, whatever the double submit did.
    const servers = (await agent.get('/api/servers').expect(200)).body as ServerList;
    const blogs = servers.servers.filter((s) => s.label === 'blog-1');
    expect(blogs).toHaveLength(1);
    expect(blogs[0]).toMatchObject({
      provider: 'linode',
      status: 'running',
      plan: 'g6-standard-1',
    });
    // The password is in no row.
    const rows = JSON.stringify(await app.get<Database>(DATABASE).db.select().from(deployments));
    expect(rows).not.toContain(passwords[0]);
    // A reconnect after the end is told there is nothing more (204 stops EventSource).
    await agent
      .get(`/api/deployments/${id}/events`)
      .set('Last-Event-ID', String(done?.version))
      .expect(204);
    // The same key with another request is refused.
    const reused = await deploy({ ...WORDPRESS, label: 'blog-2' }, key).expect(422);
    expect(reused.body.error).toBe('idempotency_key_reused');
  });

  it('deploys a droplet and lists both providers’ servers; reboot and delete work', async () => {
    const res = await deploy({
      provider: 'digitalocean',
      application: 'docker',
      plan: 's-1vcpu-1gb',
      region: 'nyc3',
      image: 'ubuntu-24-04-x64',
      label: 'docker-1',
      fields: { portainer: 'yes' },
    }).expect(201);
    const { deployment } = res.body as DeploymentCreated;
    const running = (await events(deployment.id)).at(-1);
    expect(running?.status).toBe('running');
    // The Docker host declares no web page: it is reached over SSH.
    expect(running?.access).toEqual([{ label: 'SSH', url: `ssh://root@${running?.ipv4}` }]);
    await control('/seed', 'POST');
    const list = (await agent.get('/api/servers').expect(200)).body as ServerList;
    expect(list.problems).toEqual([]);
    expect(new Set(list.servers.map((s) => s.provider))).toEqual(
      new Set(['linode', 'digitalocean']),
    );
    const droplet = list.servers.find((s) => s.label === 'docker-1');
    expect(droplet).toMatchObject({ provider: 'digitalocean', status: 'running' });

    await agent
      .post(`/api/servers/digitalocean/${droplet?.id}/reboot`)
      .set(CSRF_HEADER, csrf)
      .expect(202);
    await agent
      .delete(`/api/servers/digitalocean/${droplet?.id}`)
      .set(CSRF_HEADER, csrf)
      .expect(202);
    await agent.get(`/api/servers/digitalocean/${droplet?.id}`).expect(404);
    await agent.get('/api/servers/digitalocean/not-a-number').expect(404);
    await agent.delete(`/api/servers/linode/1`).expect(403); // no CSRF token
  });

  it('checks each application field for its kind and writes cloud-config as data', async () => {
    const docker = {
      provider: 'digitalocean',
      application: 'docker',
      plan: 's-1vcpu-1gb',
      region: 'nyc3',
      image: 'ubuntu-24-04-x64',
      label: 'docker-typed',
    };
    for (const swap of ['2"] , "x', '4 /x; touch /tmp/p; echo', '0', '65']) {
      const refused = await deploy({ ...docker, fields: { swap_gb: swap } }).expect(422);
      expect(refused.body.fields).toEqual([
        {
          field: 'fields.swap_gb',
          message: 'Swap size in GB must be a whole number from 1 to 64.',
        },
      ]);
    }
    const email = await deploy({
      ...docker,
      application: 'wordpress',
      image: 'debian-12-x64',
      fields: { soa_email_address: 'x; reboot' },
    }).expect(422);
    expect(email.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'fields.soa_email_address',
    ]);

    const res = await deploy({ ...docker, fields: { swap_gb: '4' } }).expect(201);
    const { deployment } = res.body as DeploymentCreated;
    const done = (await events(deployment.id)).at(-1);
    expect(done?.status).toBe('running');
    const userData = await control(`/digitalocean/droplets/${done?.serverId}/user-data`);
    expect(userData.status).toBe(200);
    const text = await userData.text();
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    const cloudConfig = parse(text);
    expect(cloudConfig.runcmd[1]).toContain('fallocate -l 4G /swapfile');
    expect(cloudConfig.chpasswd.users[0]).toMatchObject({ name: 'root', type: 'text' });
  });

  it('shows the healthy provider’s servers when the other fails, with its reason', async () => {
    await control('/seed', 'POST');
    await fault({ type: 'error_500', path: '/digitalocean/api/v2/droplets', method: 'GET' });
    await fault({
      type: 'rate_limit',
      path: '/linode/api/v4/linode/instances',
      times: 1,
      retryAfter: 1,
    });
    const res = await agent.get('/api/servers').expect(200);
    const list = res.body as ServerList;
    expect(list.servers.length).toBeGreaterThan(0);
    expect(list.servers.every((s) => s.provider === 'linode')).toBe(true);
    expect(list.problems).toEqual([
      expect.objectContaining({
        provider: 'digitalocean',
        message: expect.stringContaining('DigitalOcean'),
      }),
    ]);
    await control('/faults', 'DELETE');
    for (const type of ['malformed_json', 'connection_reset', 'bad_gateway_html']) {
      await fault({ type, path: '/digitalocean/api/v2/droplets', method: 'GET' });
      const again = await agent.get('/api/servers').expect(200);
      expect((again.body as ServerList).problems).toHaveLength(1);
      await control('/faults', 'DELETE');
    }
  });

  it('reports a rate-limited write with Retry-After, never a 5xx, and keeps the record', async () => {
    await fault({
      type: 'rate_limit',
      path: '/linode/api/v4/linode/instances',
      method: 'POST',
      retryAfter: 7,
    });
    const res = await deploy(WORDPRESS).expect(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body.message).toContain('Linode');
    const rows = await app.get<Database>(DATABASE).db.select().from(deployments);
    expect(rows.map((r) => r.status)).toEqual(['failed']);
  });

  it('answers an unconfirmed create (provider 500) with the deployment, never a 5xx', async () => {
    await fault({
      type: 'error_500',
      path: '/linode/api/v4/linode/instances',
      method: 'POST',
      times: 1,
    });
    const res = await deploy(WORDPRESS).expect(201);
    const { deployment, rootPassword } = res.body as DeploymentCreated;
    expect(deployment.status).toBe('provisioning');
    expect(deployment.message).toContain('did not confirm');
    expect(rootPassword).toBeTruthy();
  });

  it('finishes a deployment after the API restarts in the middle of it', async () => {
    const res = await deploy(WORDPRESS).expect(201);
    const { deployment } = res.body as DeploymentCreated;
    expect(deployment.status).not.toBe('running');
    await app.close();
    await boot();
    agent = request.agent(app.getHttpServer());
    await signIn(agent, 'linode');
    const stream = await events(deployment.id);
    expect(stream.at(-1)?.status).toBe('running');
  });

  /** A deployment row as the creating request leaves it when the API dies around the provider call. */
  async function strandedDeployment(createdAt: Date): Promise<string> {
    const session = (await agent.get('/api/session').expect(200)).body as SessionView;
    const account = session.accounts.find((a) => a.provider === 'linode');
    const [row] = await app
      .get<Database>(DATABASE)
      .db.insert(deployments)
      .values({
        userId: session.user.id,
        accountId: account?.id,
        provider: 'linode',
        application: 'plain',
        label: 'stranded',
        plan: 'g6-nanode-1',
        region: 'us-east',
        image: 'linode/debian12',
        status: 'queued',
        idempotencyKey: randomUUID(),
        requestHash: 'x',
        createdAt,
        deadlineAt: new Date(Date.now() + 600_000),
      })
      .returning();
    return row?.id ?? '';
  }

  it('ends in failed a deployment recorded but never sent to the provider (a crash)', async () => {
    const id = await strandedDeployment(new Date(Date.now() - 120_000));
    const last = (await events(id)).at(-1);
    expect(last?.status).toBe('failed');
    expect(last?.message).toContain('was not created');
  });

  it('adopts the server a lost create request did make, found by its tag', async () => {
    const id = await strandedDeployment(new Date());
    const grants = (await (await control('/grants?provider=linode')).json()) as {
      grants: { accessToken: string; status: string }[];
    };
    const token = grants.grants.find((g) => g.status === 'active')?.accessToken;
    const made = await fetch(`${sandbox.providers.linode.apiUrl}/v4/linode/instances`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'g6-nanode-1',
        region: 'us-east',
        image: 'linode/debian12',
        root_pass: 'Xq7-vZ2.kP9~mW4^tR8_nB3',
        label: 'stranded',
        tags: [`launchpad:${id}`],
      }),
    });
    const server = (await made.json()) as { id: number };
    const last = (await events(id)).at(-1);
    expect(last).toMatchObject({ status: 'running', serverId: String(server.id) });
  });

  it('in deploy-only mode, gives the provider token back once the deployment has ended', async () => {
    await app.close();
    config.deployments = { ...config.deployments, deployOnly: true };
    await boot();
    try {
      agent = request.agent(app.getHttpServer());
      await signIn(agent, 'linode');
      csrf = ((await agent.get('/api/session').expect(200)).body as SessionView).csrfToken;
      const { deployment } = (await deploy({ ...WORDPRESS, label: 'once-only' }).expect(201))
        .body as DeploymentCreated;
      expect((await events(deployment.id)).at(-1)?.status).toBe('running');
      const session = (await agent.get('/api/session').expect(200)).body as SessionView;
      const linode = session.accounts.find((a) => a.provider === 'linode');
      expect(linode).toMatchObject({ status: 'needs_relink' });
      expect(linode?.statusReason).toContain('Deploy-only mode');
      const audit = (await (await control('/grants?provider=linode')).json()) as {
        grants: { status: string }[];
      };
      expect(audit.grants.map((g) => g.status)).not.toContain('active');
    } finally {
      await app.close();
      config.deployments = { ...config.deployments, deployOnly: false };
      await boot();
    }
  });

  it('names the missing provider scope for an action the grant does not cover', async () => {
    await app.close();
    config.providers.digitalocean.scopes =
      'account:read droplet:create droplet:read droplet:update regions:read sizes:read image:read actions:read';
    await boot();
    try {
      await app.get<Database>(DATABASE).db.delete(users);
      agent = request.agent(app.getHttpServer());
      await signIn(agent, 'digitalocean');
      csrf = ((await agent.get('/api/session').expect(200)).body as SessionView).csrfToken;
      await control('/seed', 'POST');
      const list = (await agent.get('/api/servers').expect(200)).body as ServerList;
      const droplet = list.servers.find((s) => s.provider === 'digitalocean');
      const res = await agent
        .delete(`/api/servers/digitalocean/${droplet?.id}`)
        .set(CSRF_HEADER, csrf)
        .expect(403);
      expect(res.body).toMatchObject({ error: 'insufficient_provider_scope' });
      expect(res.body.message).toContain('droplet:delete');
      expect(res.body.message).toContain('Delete droplets');
    } finally {
      await app.close();
      config.providers = structuredClone(sandbox.providers);
      await boot();
    }
  });
});
