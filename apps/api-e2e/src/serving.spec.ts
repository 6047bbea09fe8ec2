import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningApi, runBuilt, startApi } from './support/launchpad-process';

describe('the started API', () => {
  let dataDir: string;
  let api: RunningApi;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'launchpad-e2e-'));
    api = await startApi({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    await api?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports itself and the embedded database healthy', async () => {
    const res = await fetch(`${api.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: { status: 'up', driver: 'pglite' },
    });
  });

  it('serves the built SPA at / and for deep links', async () => {
    for (const path of ['/', '/accounts', '/activate?user_code=WDJB-MJHT']) {
      const res = await fetch(`${api.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toMatch(/<lp-root/);
    }
  });

  it('answers unknown /api paths with the JSON error shape', async () => {
    const res = await fetch(`${api.url}/api/does-not-exist`);
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: 404, error: 'not_found' });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('publishes its OpenAPI document', async () => {
    const res = await fetch(`${api.url}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()).paths)).toContain('/api/health');
  });

  it('writes one JSON log line per request, with its id and without the query string', async () => {
    const res = await fetch(`${api.url}/api/health?code=secret-oauth-code`, {
      headers: { 'X-Request-Id': 'e2e-log-check-0001', Authorization: 'Bearer secret-token' },
    });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const line = api
      .stdout()
      .split('\n')
      .filter((l) => l.includes('e2e-log-check-0001'))
      .map((l) => JSON.parse(l) as { req: { id: string; path: string } });
    expect(line).toHaveLength(1);
    expect(line[0]?.req).toMatchObject({ id: 'e2e-log-check-0001', path: '/api/health' });
    expect(api.stdout()).not.toContain('secret-oauth-code');
    expect(api.stdout()).not.toContain('secret-token');
  });

  it('caps what a caller sends before it reaches a log line, and logs refusals at info', async () => {
    const start = api.stdout().length;
    const huge = 'e'.repeat(15_000);
    await fetch(`${api.url}/api/auth/linode/callback?error=${huge}&state=x`, {
      redirect: 'manual',
    });
    const nul = await fetch(`${api.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=launchpad-cli%00&grant_type=refresh_token&refresh_token=x',
    });
    expect(nul.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = api.stdout().slice(start).split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.length).toBeLessThan(2_000);
      // pino's levels: 30 is info, 40 warn, 50 error.
      expect((JSON.parse(line) as { level: number }).level).toBeLessThanOrEqual(30);
    }
  });

  it('is reported healthy by `launchpad status`', async () => {
    const cli = runBuilt('dist/apps/cli/main.js', {}, ['status', '--url', api.url]);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain('API        ok');
    expect(cli.stdout()).toMatch(/Database {3}up \(pglite, [\d.]+ ms\)/);
  });
});
