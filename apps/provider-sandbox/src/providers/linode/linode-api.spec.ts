import type { SandboxServer } from '../../server';
import { type TestSandbox, startTestSandbox } from '../../testing/test-sandbox';

describe('Linode API v4 resources', () => {
  let test: TestSandbox;
  let sandbox: SandboxServer;
  let base: string;
  let token: string;
  let readOnly: string;

  beforeAll(async () => {
    test = await startTestSandbox();
    sandbox = test.sandbox;
    base = `${test.origin}/linode/api/v4`;
  });

  beforeEach(async () => {
    await fetch(`${base.replace('/linode/api/v4', '')}/_sandbox/reset`, { method: 'POST' });
    token = test.token('linode', ['linodes:read_write']);
    readOnly = test.token('linode', ['linodes:read_only']);
  });

  afterAll(() => sandbox.close());

  const call = (path: string, init: RequestInit & { token?: string; filter?: unknown } = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: {
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...(init.filter !== undefined
          ? {
              'X-Filter':
                typeof init.filter === 'string' ? init.filter : JSON.stringify(init.filter),
            }
          : {}),
        'Content-Type': 'application/json',
      },
    });
  const create = (body: unknown, as = token) =>
    call('/linode/instances', { method: 'POST', token: as, body: JSON.stringify(body) });
  const strong = 'xK9#mQ2$vL7@pR4!';

  it('serves the public catalog without a token, with X-Filter', async () => {
    const types = await (
      await call('/linode/types', {
        filter: { class: 'standard', '+order_by': 'memory', '+order': 'desc' },
      })
    ).json();
    expect(types.data.map((t: { id: string }) => t.id)).toEqual([
      'g6-standard-4',
      'g6-standard-2',
      'g6-standard-1',
    ]);
    const cheap = await (
      await call('/linode/types', {
        filter: { '+or': [{ vcpus: 1 }, { memory: { '+gte': 24576 } }] },
      })
    ).json();
    expect(cheap.results).toBe(3);
    const nanode = await (
      await call('/linode/types', { filter: { label: { '+contains': 'Nanode' } } })
    ).json();
    expect(nanode.data[0].price).toEqual({ hourly: 0.0068, monthly: 5 });
    const image = await (await call('/images/linode/debian12')).json();
    expect(image).toMatchObject({ id: 'linode/debian12', is_public: true });
    const script = await (await call('/linode/stackscripts/1340716')).json();
    expect(
      script.user_defined_fields.find((f: { name: string }) => f.name === 'webserver_stack'),
    ).toEqual({
      name: 'webserver_stack',
      label: 'Web server',
      oneof: 'LAMP,LEMP',
      default: 'LAMP',
    });
  });

  it.each([
    ['{not json', 'Invalid JSON in X-Filter'],
    [{ colour: 'red' }, 'Cannot filter on colour'],
    [{ memory: { '+between': [1, 2] } }, 'Unknown operator +between'],
    [{ '+order': 'desc' }, '+order requires +order_by'],
  ])('answers a bad X-Filter %j with 400 on the X-Filter field', async (filter, reason) => {
    const res = await call('/linode/types', { filter });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ reason, field: 'X-Filter' }] });
  });

  it('creates a server that provisions, boots and runs in simulated time', async () => {
    const res = await create({
      type: 'g6-nanode-1',
      region: 'us-east',
      image: 'linode/debian12',
      root_pass: strong,
      label: 'web-1',
      tags: ['launchpad'],
    });
    expect(res.status).toBe(200);
    const linode = await res.json();
    expect(linode).toMatchObject({
      label: 'web-1',
      status: 'provisioning',
      type: 'g6-nanode-1',
      region: 'us-east',
      image: 'linode/debian12',
      tags: ['launchpad'],
    });
    expect(linode.ipv4[0]).toMatch(/^192\.0\.2\.\d+$/);
    expect(JSON.stringify(linode)).not.toContain(strong);
    const status = async () =>
      (await (await call(`/linode/instances/${linode.id}`, { token: readOnly })).json()).status;
    sandbox.clock.advance(4);
    expect(await status()).toBe('booting');
    sandbox.clock.advance(3);
    expect(await status()).toBe('running');
    expect(
      (await call(`/linode/instances/${linode.id}/reboot`, { method: 'POST', token })).status,
    ).toBe(200);
    expect(await status()).toBe('rebooting');
    expect(
      (await call(`/linode/instances/${linode.id}/reboot`, { method: 'POST', token })).status,
    ).toBe(400);
    expect((await call(`/linode/instances/${linode.id}`, { method: 'DELETE', token })).status).toBe(
      200,
    );
    expect((await call(`/linode/instances/${linode.id}`, { token })).status).toBe(404);
  });

  it('deploys the StackScript with its UDFs validated', async () => {
    const base = {
      type: 'g6-standard-1',
      region: 'eu-west',
      image: 'linode/debian12',
      root_pass: strong,
      stackscript_id: 1340716,
    };
    const missing = await create(base);
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([
      {
        reason: 'Email address for the Let’s Encrypt certificate is required',
        field: 'stackscript_data.soa_email_address',
      },
    ]);
    const wrong = await (
      await create({
        ...base,
        image: 'linode/almalinux9',
        stackscript_data: {
          soa_email_address: 'a@b.c',
          webserver_stack: 'IIS',
          extras: 'ufw,emacs',
        },
      })
    ).json();
    expect(wrong.errors.map((e: { field: string }) => e.field)).toEqual([
      'image',
      'stackscript_data.webserver_stack',
      'stackscript_data.extras',
    ]);
    const ok = await create({
      ...base,
      stackscript_data: {
        soa_email_address: 'a@b.c',
        webserver_stack: 'LEMP',
        extras: 'ufw,fail2ban',
      },
    });
    expect(ok.status).toBe(200);
  });

  it.each([
    [{}, ['type', 'region']],
    [{ type: 'g6-nanode-1', region: 'mars' }, ['region']],
    [{ type: 'g6-nanode-1', region: 'us-east', label: '1abc' }, ['label']],
    [{ type: 'g6-nanode-1', region: 'us-east', label: 'ab' }, ['label']],
    [{ type: 'g6-nanode-1', region: 'us-east', label: 'a--b' }, ['label']],
    [{ type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12' }, ['root_pass']],
    [
      { type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12', root_pass: 'Akamai123' },
      ['root_pass'],
    ],
    [{ type: 'g6-nanode-1', region: 'us-east', tags: 'x' }, ['tags']],
    [{ type: 42, region: ['us-east'] }, ['type', 'region']],
  ])('rejects %j with 400 naming %j', async (body, fields) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual(fields);
  });

  it('rejects a body that is not JSON, or not an object, with 400', async () => {
    const bad = await call('/linode/instances', { method: 'POST', token, body: '{"type":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errors: [{ reason: 'Malformed JSON' }] });
    expect((await create([1, 2])).status).toBe(400);
  });

  it('answers a missing scope with 401, not 403, and says which scope the endpoint accepts', async () => {
    const res = await create({ type: 'g6-nanode-1', region: 'us-east' }, readOnly);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-accepted-oauth-scopes')).toBe('linodes:read_write');
    expect(res.headers.get('x-oauth-scopes')).toBe('linodes:read_only');
    expect((await res.json()).errors[0].reason).toBe(
      'Your OAuth token is not authorized to use this endpoint.',
    );
  });

  it('limits creates to 10 per 30 s with 429 and Retry-After', async () => {
    for (let i = 0; i < 10; i++)
      expect((await create({ type: 'g6-nanode-1', region: 'us-east' })).status).toBe(200);
    const limited = await create({ type: 'g6-nanode-1', region: 'us-east' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ errors: [{ reason: 'Too many requests' }] });
    sandbox.clock.advance(31);
    expect((await create({ type: 'g6-nanode-1', region: 'us-east' })).status).toBe(200);
  });

  it('pages and filters the instance list, showing only the caller’s own servers', async () => {
    for (const label of ['alpha-1', 'beta-1', 'alpha-2'])
      await create({ type: 'g6-nanode-1', region: 'us-east', label });
    const other = test.token('linode', ['*'], 'linode-grace');
    await create({ type: 'g6-nanode-1', region: 'us-east', label: 'grace-1' }, other);
    const list = await (
      await call('/linode/instances?page_size=25', {
        token,
        filter: { label: { '+contains': 'alpha' } },
      })
    ).json();
    expect(list.data.map((l: { label: string }) => l.label)).toEqual(['alpha-1', 'alpha-2']);
    expect(list).toMatchObject({ page: 1, pages: 1, results: 2 });
    expect((await (await call('/linode/instances', { token: other })).json()).results).toBe(1);
    expect((await call('/profile/grants', { token })).status).toBe(204);
  });
});
