import type { SandboxServer } from '../server';
import { type TestSandbox, startTestSandbox } from '../testing/test-sandbox';

describe('fault injection (/_sandbox/faults)', () => {
  let test: TestSandbox;
  let sandbox: SandboxServer;
  let origin: string;
  const TYPES = '/linode/api/v4/linode/types';

  beforeAll(async () => {
    test = await startTestSandbox();
    ({ sandbox, origin } = test);
  });

  afterEach(() => fetch(`${origin}/_sandbox/faults`, { method: 'DELETE' }));
  afterAll(() => sandbox.close());

  const inject = async (fault: Record<string, unknown>) => {
    const res = await fetch(`${origin}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: TYPES, ...fault }),
    });
    expect(res.status).toBe(201);
    return res.json();
  };

  it('answers 500 in the provider shape, the given number of times, then recovers', async () => {
    await inject({ type: 'error_500', times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${origin}${TYPES}`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ errors: [{ reason: 'Internal server error' }] });
    }
    expect((await fetch(`${origin}${TYPES}`)).status).toBe(200);
  });

  it('answers 429 with Retry-After', async () => {
    await inject({ type: 'rate_limit', retryAfter: 7 });
    const res = await fetch(`${origin}${TYPES}`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ errors: [{ reason: 'Too many requests' }] });
  });

  it('answers a 502 HTML page and the WAF 403 HTML page', async () => {
    await inject({ type: 'bad_gateway_html', times: 1 });
    const gateway = await fetch(`${origin}${TYPES}`);
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html');
    expect(await gateway.text()).toContain('502 Bad Gateway');
    await inject({ type: 'waf_403_html', times: 1 });
    const waf = await fetch(`${origin}${TYPES}`);
    expect(waf.status).toBe(403);
    expect(await waf.text()).toContain('Access Denied');
  });

  it('sends malformed JSON with a 200', async () => {
    await inject({ type: 'malformed_json', times: 1 });
    const res = await fetch(`${origin}${TYPES}`);
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(/JSON/);
  });

  it('resets the connection', async () => {
    await inject({ type: 'connection_reset', times: 1 });
    await expect(fetch(`${origin}${TYPES}`)).rejects.toThrow();
    expect((await fetch(`${origin}${TYPES}`)).status).toBe(200);
  });

  it('delays by the given latency, then answers normally', async () => {
    await inject({ type: 'latency', latencyMs: 300, times: 1 });
    const started = performance.now();
    const res = await fetch(`${origin}${TYPES}`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('matches the method and the path prefix only', async () => {
    await inject({ type: 'error_500', method: 'POST' });
    expect((await fetch(`${origin}${TYPES}`)).status).toBe(200);
    expect((await fetch(`${origin}/linode/api/v4/regions`)).status).toBe(200);
  });

  it('lists and removes faults, and refuses malformed ones', async () => {
    const { id } = await inject({ type: 'error_500' });
    expect(
      (await (await fetch(`${origin}/_sandbox/faults`)).json()).faults.map(
        (f: { id: string }) => f.id,
      ),
    ).toEqual([id]);
    expect((await fetch(`${origin}/_sandbox/faults/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${origin}${TYPES}`)).status).toBe(200);
    for (const bad of [
      { type: 'meteor' },
      { type: 'latency', latencyMs: -1 },
      { type: 'error_500', times: 0 },
      { type: 'error_500', path: 'no-slash' },
    ]) {
      const res = await fetch(`${origin}/_sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify({ path: TYPES, ...bad }),
      });
      expect(res.status).toBe(400);
    }
  });
});
