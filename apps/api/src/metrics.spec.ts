import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import { DATABASE, type Database, deployments, users } from '@launchpad/api-database';
import { DEVICE_CODE_GRANT } from '@launchpad/api-oauth-server';
import {
  OpenApiConformance,
  type OpenApiDocument,
  type SandboxApp,
  type TestDatabase,
  createTestDatabase,
  signIn,
  startSandboxApp,
  testConfig,
} from '@launchpad/api-testing';
import { AppModule } from './app.module';

jest.setTimeout(120_000);

const CLI = 'launchpad-cli';
/** prom-client's content type: the text exposition format, version 0.0.4. */
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const TOKEN = 'k7J0vQ2sXq9+Lm4/Rt8WzYb1Nc6Hd3Fe5Gu0Ia2Ko4=';

/**
 * The value of the sample `name` whose labels are exactly `labels` in a Prometheus text
 * exposition, or undefined when there is none.
 */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [
        key,
        value,
      ]),
    );
    const wanted = Object.entries(labels);
    if (
      wanted.length === Object.keys(found).length &&
      wanted.every(([key, value]) => found[key] === value)
    ) {
      return Number(match[3]);
    }
  }
  return undefined;
}

/**
 * `GET /metrics` on the real app and the provider sandbox: what it serves and how, HTTP requests
 * labelled by route pattern (answers of guards and body parsers included), provider calls by
 * outcome through sandbox faults, device-flow polls by RFC 8628 answer, the deployments gauge read
 * from the database, and METRICS_TOKEN.
 */
describe('Prometheus metrics at /metrics', () => {
  let running: SandboxApp<NestExpressApplication>;
  let app: NestExpressApplication;
  let webDir: string;

  const http = () => request(app.getHttpServer());
  const scrape = async () => (await http().get('/metrics').expect(200)).text;
  /** How much each sample grew while `act` ran. */
  const growth = async (act: () => Promise<unknown>) => {
    const before = await scrape();
    await act();
    const after = await scrape();
    return (name: string, labels: Record<string, string> = {}) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
  };

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'launchpad-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><lp-root></lp-root>');
    running = await startSandboxApp((config) =>
      createLaunchpadApp({ ...config, app: { ...config.app, webDistDir: webDir } }, [AppModule]),
    );
    app = running.app;
  });

  afterAll(async () => {
    await running?.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  it("serves the text format with prom-client's content type, never cached nor the SPA", async () => {
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toBe(PROMETHEUS_TEXT);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).not.toContain('<lp-root>');
    // prom-client's default process metrics.
    expect(sample(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(res.text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
    // The SPA answers the paths around it, not /metrics and below.
    expect((await http().get('/activate').expect(200)).text).toContain('<lp-root>');
    const below = await http().get('/metrics/extra').expect(404);
    expect(below.headers['content-type']).toMatch(/^application\/json/);
  });

  it('labels requests by route pattern, never by their URL or query, guard refusals included', async () => {
    const id = randomUUID();
    const grew = await growth(async () => {
      await http().get(`/api/deployments/${id}?state=s3cr3t-state`).expect(401);
      await http().get(`/api/nothing-here/${id}`).expect(404);
      await http()
        .post('/api/deployments')
        .set('Content-Type', 'application/json')
        .send('{"label":')
        .expect(400);
    });
    const route = '/api/deployments/:id';
    expect(grew('http_requests_total', { method: 'GET', route, status: '401' })).toBe(1);
    expect(grew('http_request_duration_seconds_count', { method: 'GET', route })).toBe(1);
    expect(grew('http_request_duration_seconds_sum', { method: 'GET', route })).toBeGreaterThan(0);
    expect(grew('http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(
      1,
    );
    // A body the JSON parser refuses is answered before any route is matched.
    expect(grew('http_requests_total', { method: 'POST', route: 'unmatched', status: '400' })).toBe(
      1,
    );
    const text = await scrape();
    expect(text).not.toContain(id);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('nothing-here');
    // Nest's middleware is mounted on a catch-all route, which is no answer's route.
    expect(text).not.toContain('{*path}');
  });

  it('counts each request to a provider by outcome, retries included', async () => {
    const fault = (body: object) =>
      fetch(`${running.sandbox.url}/_sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify({ method: 'GET', times: 1, ...body }),
      });
    // The catalog's first load reads types, regions and images; each read is retried once.
    await fault({ type: 'error_500', path: '/linode/api/v4/linode/types' });
    await fault({ type: 'connection_reset', path: '/linode/api/v4/regions' });
    await fault({ type: 'rate_limit', path: '/linode/api/v4/images', retryAfter: 0 });
    const grew = await growth(() =>
      http().get('/api/catalog/linode?application=plain').expect(200),
    );
    const linode = (outcome: string) =>
      grew('launchpad_provider_requests_total', { provider: 'linode', outcome });
    expect(linode('server_error')).toBe(1);
    expect(linode('network_error')).toBe(1);
    expect(linode('rate_limited')).toBe(1);
    expect(linode('ok')).toBeGreaterThanOrEqual(3);
    expect(
      grew('launchpad_provider_request_duration_seconds_count', {
        provider: 'linode',
        outcome: 'server_error',
      }),
    ).toBe(1);

    const ada = request.agent(app.getHttpServer());
    await signIn(ada, 'linode', 0);
    const refused = await growth(() => ada.get('/api/servers/linode/999999999').expect(404));
    expect(
      refused('launchpad_provider_requests_total', { provider: 'linode', outcome: 'client_error' }),
    ).toBe(1);
  });

  it('counts device-flow polls by their RFC 8628 answer', async () => {
    const form = (path: string, fields: Record<string, string>) =>
      http().post(path).type('form').send(fields);
    const poll = (deviceCode: string) =>
      form('/oauth/token', {
        grant_type: DEVICE_CODE_GRANT,
        device_code: deviceCode,
        client_id: CLI,
      });
    // Every RFC 8628 §3.5 answer is there from the start, at 0.
    expect(
      sample(await scrape(), 'launchpad_device_token_polls_total', { answer: 'slow_down' }),
    ).toBe(0);
    const { device_code } = (
      await form('/oauth/device_authorization', { client_id: CLI }).expect(200)
    ).body as { device_code: string };
    const grew = await growth(async () => {
      expect((await poll(device_code).expect(400)).body.error).toBe('authorization_pending');
      expect((await poll('not-a-device-code').expect(400)).body.error).toBe('invalid_grant');
    });
    const polls = (answer: string) => grew('launchpad_device_token_polls_total', { answer });
    expect(polls('authorization_pending')).toBe(1);
    expect(polls('invalid_grant')).toBe(1);
    expect(polls('issued')).toBe(0);
  });

  it('counts the deployments in each status in the database at each scrape', async () => {
    const db = app.get<Database>(DATABASE).db;
    const [user] = await db.insert(users).values({ displayName: 'Metrics' }).returning();
    const deployment = (status: 'running' | 'failed') => ({
      userId: user?.id ?? '',
      provider: 'linode' as const,
      application: 'plain',
      label: `metrics-${status}`,
      plan: 'g6-nanode-1',
      region: 'us-east',
      image: 'linode/debian12',
      status,
      idempotencyKey: randomUUID(),
      requestHash: 'x',
      deadlineAt: new Date(),
    });
    const counted = async () => {
      const text = await scrape();
      return Object.fromEntries(
        deployments.status.enumValues.map((status) => [
          status,
          sample(text, 'launchpad_deployments', { status }),
        ]),
      );
    };
    const before = await counted();
    await db.insert(deployments).values([deployment('running'), deployment('failed')]);
    expect(await counted()).toEqual({
      ...before,
      running: (before['running'] ?? 0) + 1,
      failed: (before['failed'] ?? 0) + 1,
    });
    // Written behind this instance's back (as another instance would): seen at the next scrape.
    await db.insert(deployments).values(deployment('failed'));
    expect((await counted())['failed']).toBe((before['failed'] ?? 0) + 2);
    expect(before['queued']).toBe(0);
  });

  describe('with METRICS_TOKEN and rate limits on', () => {
    let testDb: TestDatabase;
    let guarded: NestExpressApplication;
    let api: OpenApiConformance;
    const get = (path: string) => request(guarded.getHttpServer()).get(path);

    beforeAll(async () => {
      testDb = await createTestDatabase();
      const config = testConfig(testDb.config);
      guarded = await createLaunchpadApp(
        {
          ...config,
          providers: structuredClone(running.sandbox.providers),
          rateLimits: { ...config.rateLimits, enabled: true },
          metrics: { token: TOKEN },
        },
        [AppModule],
      );
      await guarded.init();
      api = new OpenApiConformance(
        (await get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument,
      );
    });

    afterAll(async () => {
      await guarded?.close();
      await testDb?.dispose();
    });

    it('refuses a scrape without the token, or with another, in the documented 401', async () => {
      const without = api.check(await get('/metrics').expect(401));
      expect(without.body.error).toBe('unauthenticated');
      expect(without.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(without.headers['cache-control']).toBe('no-store');
      for (const wrong of [
        `Bearer ${TOKEN.slice(0, -2)}x=`,
        `Bearer ${TOKEN.slice(0, 8)}`,
        `Bearer ${TOKEN.slice(0, -1)}${TOKEN}`,
        'Bearer not/a+b64token=!',
      ]) {
        const res = api.check(await get('/metrics').set('Authorization', wrong).expect(401));
        expect(res.body.error).toBe('invalid_token');
        expect(res.headers['www-authenticate']).toBe(
          'Bearer realm="metrics", error="invalid_token"',
        );
        expect(res.text).not.toContain('http_requests_total');
      }
      // The token in another scheme is no bearer token.
      await get('/metrics').set('Authorization', `Basic ${TOKEN}`).expect(401);
    });

    it('serves the metrics for the token, and never rate limits them', async () => {
      const res = api.check(
        await get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200),
      );
      expect(res.text).toContain('# TYPE launchpad_deployments gauge');
      expect(res.headers['x-ratelimit-limit-address']).toBeUndefined();
      expect(api.document.paths['/metrics']?.['get']?.responses['429']).toBeUndefined();
      // An ordinary route is counted by the limits (so the header above could be there).
      const counted = await get('/api/applications').expect(200);
      expect(counted.headers['x-ratelimit-limit-address']).toBeDefined();
    });
  });
});
