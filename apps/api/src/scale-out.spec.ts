import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import request from 'supertest';
import type { LaunchpadConfig } from '@launchpad/api-config';
import { createLaunchpadApp } from '@launchpad/api-core';
import { type Database, DATABASE, deployments, users } from '@launchpad/api-database';
import { DeploymentsService } from '@launchpad/api-deployments';
import {
  type SandboxProcess,
  type TestDatabase,
  createTestDatabase,
  signIn,
  startSandbox,
  testConfig,
} from '@launchpad/api-testing';
import { AppModule } from './app.module';

const POSTGRES = Boolean(process.env['DATABASE_URL']);
const REDIS_URL = process.env['REDIS_URL'] ?? null;

// Each test signs in over the sandbox and boots one or two instances.
jest.setTimeout(30_000);

/**
 * An event stream read as it arrives: `waitFor(text)` resolves once the stream has carried
 * `text`, `ended` once the server has ended it.
 */
async function openStream(app: NestExpressApplication, path: string, cookie: string) {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  let text = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const reader = res.body?.getReader();
  const ended = (async () => {
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) return text;
      text += Buffer.from(chunk.value).toString();
      for (const waiter of waiters.filter((w) => text.includes(w.text))) waiter.resolve();
    }
  })();
  return {
    ended,
    waitFor: (wanted: string) =>
      new Promise<void>((resolve) => {
        if (text.includes(wanted)) resolve();
        else waiters.push({ text: wanted, resolve });
      }),
    cancel: () => reader?.cancel(),
  };
}

/**
 * A TCP relay to PostgreSQL that a test can cut (every connection dropped, the port closed) and
 * restore on the same port: the database going away and coming back, as a restart does.
 */
async function databaseRelay(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', end).on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as AddressInfo).port;
        resolve();
      });
    });
  await open();
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    cut: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server?.close(resolve));
    },
    restore: open,
  };
}

/**
 * Scale-out: several API instances on one PostgreSQL (and Redis, when REDIS_URL is set), where a
 * deployment's change made by one instance reaches the event streams another serves (on PGlite,
 * which one instance alone can open, those tests are skipped); and a graceful shutdown, which
 * ends the event streams, lets in-flight requests finish and then stops.
 */
describe('scale-out', () => {
  let sandbox: SandboxProcess;
  let testDb: TestDatabase;
  let config: LaunchpadConfig;
  const apps: NestExpressApplication[] = [];

  async function instance(redisUrl: string | null): Promise<NestExpressApplication> {
    const app = await createLaunchpadApp({ ...config, redis: { url: redisUrl } }, [AppModule]);
    await app.listen(0, '127.0.0.1');
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    testDb = await createTestDatabase();
    config = { ...testConfig(testDb.config), providers: structuredClone(sandbox.providers) };
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await testDb?.dispose();
    await sandbox?.stop();
  });

  /**
   * A deployment of the signed-in user that no worker touches (its next poll is a day away),
   * so that every change in the test is the test's own.
   */
  async function quietDeployment(app: NestExpressApplication) {
    const { db } = app.get<Database>(DATABASE);
    const [user] = await db.select().from(users);
    const [row] = await db
      .insert(deployments)
      .values({
        userId: user?.id ?? '',
        provider: 'linode',
        application: 'plain',
        label: 'fan-out',
        plan: 'g6-nanode-1',
        region: 'us-east',
        image: 'linode/debian12',
        status: 'provisioning',
        message: 'Linode is creating the server',
        idempotencyKey: randomUUID(),
        requestHash: 'test',
        nextPollAt: new Date(Date.now() + 86_400_000),
        deadlineAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    if (!row) throw new Error('no deployment row');
    return row;
  }

  async function changeSeenByTheOtherInstance(redisUrl: string | null) {
    const a = await instance(redisUrl);
    const b = await instance(redisUrl);
    const { db } = a.get<Database>(DATABASE);
    await db.delete(users);
    const { sessionCookie } = await signIn(request.agent(a.getHttpServer()), 'linode');
    const row = await quietDeployment(a);

    const stream = await openStream(b, `/api/deployments/${row.id}/events`, sessionCookie);
    await stream.waitFor('Linode is creating the server');
    // Instance A makes the change; B's stream must carry it.
    const change = `changed on instance A ${randomUUID()}`;
    const changedAt = Date.now();
    await a.get(DeploymentsService).update(row, { status: 'booting', message: change });
    await stream.waitFor(change);
    const delayMs = Date.now() - changedAt;
    await a.get(DeploymentsService).update(
      { ...row, version: row.version + 1 },
      {
        status: 'running',
        message: 'Running at Linode',
      },
    );
    // A final state ends the stream.
    expect(await stream.ended).toContain('Running at Linode');
    return { delayMs, change };
  }

  // With Redis the change travels on the event bus (streams re-read their row only every 15 s);
  // without it, the streams read the database twice a second.
  (POSTGRES ? it : it.skip)(
    'streams another instance’s change, read from the database without Redis',
    async () => {
      await changeSeenByTheOtherInstance(null);
    },
  );

  (POSTGRES && REDIS_URL ? it : it.skip)(
    'fans another instance’s change out through Redis to the event stream',
    async () => {
      const watcher = new Redis(REDIS_URL ?? '');
      const carried: string[] = [];
      watcher.on('message', (_channel: string, message: string) => carried.push(message));
      await watcher.subscribe('launchpad:events');
      try {
        const { delayMs, change } = await changeSeenByTheOtherInstance(REDIS_URL);
        // It travelled on the event bus: Redis carried it, and it arrived long before the
        // stream's own 15 s re-read of the database could have found it.
        expect(carried.some((message) => message.includes(change))).toBe(true);
        expect(delayMs).toBeLessThan(5_000);
      } finally {
        watcher.disconnect();
      }
    },
  );

  (POSTGRES ? it : it.skip)(
    'answers 503 with Retry-After while PostgreSQL is unreachable, and recovers on its own',
    async () => {
      if (config.database.driver !== 'postgres') throw new Error('PostgreSQL only');
      const relay = await databaseRelay(new URL(config.database.url));
      const app = await createLaunchpadApp(
        { ...config, database: { ...config.database, url: relay.url } },
        [AppModule],
      );
      await app.init();
      apps.push(app);
      const http = () => request(app.getHttpServer());
      await app.get<Database>(DATABASE).db.delete(users);
      const { sessionCookie } = await signIn(request.agent(app.getHttpServer()), 'linode');
      await http().get('/api/session').set('Cookie', sessionCookie).expect(200);

      await relay.cut();
      const session = await http().get('/api/session').set('Cookie', sessionCookie).expect(503);
      expect(session.body).toMatchObject({ statusCode: 503, error: 'service_unavailable' });
      expect(session.headers['retry-after']).toBe('5');
      const device = await http()
        .post('/oauth/device_authorization')
        .type('form')
        .send({ client_id: 'launchpad-cli' })
        .expect(503);
      expect(device.body).toEqual({
        error: 'temporarily_unavailable',
        error_description: expect.stringContaining('database'),
      });
      expect(device.headers['retry-after']).toBe('5');
      await http().get('/api/health/ready').expect(503);

      // Back: the pool reconnects by itself, and the session was never lost.
      await relay.restore();
      await http().get('/api/session').set('Cookie', sessionCookie).expect(200);
      await http().get('/api/health/ready').expect(200);
      // The relay listens until cut: close the app, then the relay, or Jest never exits.
      await app.close();
      apps.splice(apps.indexOf(app), 1);
      await relay.cut();
    },
  );

  it('ends event streams and finishes in-flight requests at shutdown, then stops', async () => {
    const app = await instance(null);
    const { port } = app.getHttpServer().address() as AddressInfo;
    await app.get<Database>(DATABASE).db.delete(users);
    const { sessionCookie } = await signIn(request.agent(app.getHttpServer()), 'linode');
    const row = await quietDeployment(app);
    const stream = await openStream(app, `/api/deployments/${row.id}/events`, sessionCookie);
    await stream.waitFor('Linode is creating the server');
    // A request in flight when shutdown begins: Linode takes 1.5 s to answer the server list.
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'latency',
        path: '/linode/api/v4/linode/instances',
        method: 'GET',
        latencyMs: 1_500,
      }),
    });
    const inFlight = fetch(`http://127.0.0.1:${port}/api/servers`, {
      headers: { cookie: sessionCookie },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const closed = app.close();
    const order: string[] = [];
    const [streamText, answer] = await Promise.all([
      stream.ended.then((text) => (order.push('stream ended'), text)),
      inFlight.then((res) => (order.push('request answered'), res)),
    ]);
    // The stream ended at once, without a final state (EventSource reconnects elsewhere), while
    // the request in flight was still waiting for Linode; then it was answered in full.
    expect(order).toEqual(['stream ended', 'request answered']);
    expect(streamText).not.toContain('"status":"running"');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ servers: expect.any(Array) });
    await closed;
    apps.splice(apps.indexOf(app), 1);
    // Stopped: no new connection is accepted.
    await expect(fetch(`http://127.0.0.1:${port}/api/health/live`)).rejects.toThrow();
  });
});
