import { request as httpRequest } from 'node:http';
import { loadSandboxConfig, SandboxConfigError } from './config';
import { route } from './http/realm';
import { linodeApiErrors } from './providers/linode/linode-errors';
import { type SandboxServer, createSandboxServer } from './server';

describe('provider sandbox server', () => {
  let sandbox: SandboxServer;
  let base: string;

  beforeAll(async () => {
    sandbox = createSandboxServer({ host: '127.0.0.1', port: 0, log: 'silent' }, [
      {
        prefix: '/_test',
        errors: linodeApiErrors,
        routes: [
          route('GET', '/boom', () => {
            throw new Error('handler bug');
          }),
        ],
      },
    ]);
    base = (await sandbox.listen()).url;
  });

  afterAll(() => sandbox.close());

  const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);

  it('reports its health', async () => {
    const res = await get('/_sandbox/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  describe('Linode API v4', () => {
    it.each(['v4', 'v4beta'])(
      'lists regions in the paginated envelope under /%s',
      async (version) => {
        const res = await get(`/linode/api/${version}/regions`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json');
        const body = await res.json();
        expect(body).toMatchObject({ page: 1, pages: 1, results: body.data.length });
        expect(body.data[0]).toMatchObject({
          id: 'us-east',
          label: 'Newark, NJ',
          site_type: 'core',
          status: 'ok',
        });
      },
    );

    it('answers past the last page with the last page', async () => {
      const body = await (await get('/linode/api/v4/regions?page=9&page_size=25')).json();
      expect(body.page).toBe(1);
    });

    it('rejects a page_size outside 25..500 in its error shape', async () => {
      const res = await get('/linode/api/v4/regions?page_size=5');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [{ reason: 'page_size must be between 25 and 500', field: 'page_size' }],
      });
    });

    it('gets one region and answers an unknown one with Not found', async () => {
      expect((await (await get('/linode/api/v4/regions/eu-west')).json()).label).toBe('London, UK');
      const res = await get('/linode/api/v4/regions/mars-1');
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ errors: [{ reason: 'Not found' }] });
    });

    it('answers unknown paths and wrong methods in the Linode shape', async () => {
      const missing = await get('/linode/api/v4/nope');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ errors: [{ reason: 'Not found' }] });
      const wrong = await get('/linode/api/v4/regions', { method: 'DELETE' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET');
      expect((await wrong.json()).errors[0].reason).toBe('Method not allowed');
    });
  });

  describe('DigitalOcean API v2', () => {
    let headers: Record<string, string>;
    beforeAll(() => {
      const grant = sandbox.tokens.issue({
        provider: 'digitalocean',
        clientId: 'test',
        userId: 'b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
        scopes: ['regions:read'],
      });
      headers = { Authorization: `Bearer ${grant.accessToken}` };
    });

    it('lists regions with links and meta, following the pages', async () => {
      const first = await (
        await get('/digitalocean/api/v2/regions?per_page=3', { headers })
      ).json();
      expect(first.regions).toHaveLength(3);
      expect(first.meta.total).toBeGreaterThan(3);
      expect(first.links.pages.first).toBeUndefined();
      const next = new URL(first.links.pages.next);
      expect(next.pathname).toBe('/digitalocean/api/v2/regions');
      expect(next.searchParams.get('page')).toBe('2');
      const second = await (await fetch(next, { headers })).json();
      expect(second.regions[0].slug).not.toBe(first.regions[0].slug);
      expect(second.links.pages.prev).toBeDefined();
    });

    it('always sends links.pages, empty on a single page', async () => {
      const body = await (
        await get('/digitalocean/api/v2/regions?per_page=200', { headers })
      ).json();
      expect(body.links).toEqual({ pages: {} });
    });

    it('answers errors as {id, message, request_id} with the x-request-id header', async () => {
      const res = await get('/digitalocean/api/v2/nope');
      expect(res.status).toBe(404);
      const body = await res.json();
      expect(body).toMatchObject({
        id: 'not_found',
        message: 'The resource you requested could not be found.',
      });
      expect(body.request_id).toBe(res.headers.get('x-request-id'));
      const bad = await get('/digitalocean/api/v2/regions?per_page=500', { headers });
      expect(bad.status).toBe(400);
      expect((await bad.json()).id).toBe('bad_request');
    });
  });

  it('asks DigitalOcean API callers for a token', async () => {
    const res = await get('/digitalocean/api/v2/regions');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      id: 'unauthorized',
      message: 'Unable to authenticate you',
    });
  });

  it('answers unknown OAuth paths with an RFC 6749 error body', async () => {
    for (const prefix of ['/linode/login', '/digitalocean/oauth']) {
      const res = await get(`${prefix}/nope`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        error: 'not_found',
        error_description: 'Not found',
      });
    }
  });

  it('answers a malformed URL with 400, not a crash', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/linode/api/v4/regions/%E0%A4%A`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  it('turns a failing handler into a 500 in the realm shape and keeps serving', async () => {
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const res = await get('/_test/boom');
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ errors: [{ reason: 'Internal server error' }] });
    expect((await get('/_sandbox/health')).status).toBe(200);
  });

  it('answers paths outside every realm with a JSON 404', async () => {
    const res = await get('/elsewhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not found: /elsewhere' });
  });
});

describe('sandbox configuration', () => {
  it('defaults to 127.0.0.1:4500', () => {
    expect(loadSandboxConfig({})).toEqual({ host: '127.0.0.1', port: 4500, log: 'requests' });
  });

  it.each(['abc', '70000', '-1'])('refuses SANDBOX_PORT=%s naming the variable', (port) => {
    expect(() => loadSandboxConfig({ SANDBOX_PORT: port })).toThrow(SandboxConfigError);
    expect(() => loadSandboxConfig({ SANDBOX_PORT: port })).toThrow(
      /^SANDBOX_PORT must be an integer/,
    );
  });
});
