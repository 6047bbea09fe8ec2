import type { SandboxServer } from '../../server';
import { type TestSandbox, startTestSandbox } from '../../testing/test-sandbox';

const SAMMY = 'b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const JAMIE = 'e8f9a0b1-c2d3-4e4f-a5b6-c7d8e9f0a1b2';
const ALL = [
  'droplet:read',
  'droplet:create',
  'droplet:update',
  'droplet:delete',
  'actions:read',
  'sizes:read',
  'image:read',
  'regions:read',
  'account:read',
];

describe('DigitalOcean API v2 resources', () => {
  let test: TestSandbox;
  let sandbox: SandboxServer;
  let origin: string;
  let token: string;

  beforeAll(async () => {
    test = await startTestSandbox();
    ({ sandbox, origin } = test);
  });

  beforeEach(async () => {
    await fetch(`${origin}/_sandbox/reset`, { method: 'POST' });
    token = test.token('digitalocean', ALL, SAMMY);
  });

  afterAll(() => sandbox.close());

  const call = (path: string, init: RequestInit & { as?: string } = {}) =>
    fetch(`${origin}/digitalocean/api/v2${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${init.as ?? token}`, 'Content-Type': 'application/json' },
    });
  const create = (body: unknown, as?: string) =>
    call('/droplets', { method: 'POST', body: JSON.stringify(body), ...(as ? { as } : {}) });
  const droplet = {
    name: 'web-1',
    region: 'nyc3',
    size: 's-1vcpu-1gb',
    image: 'ubuntu-24-04-x64',
    tags: ['launchpad'],
    user_data: '#cloud-config\n',
  };

  it('creates a droplet: 202 new with no IPs, then active with a public IPv4', async () => {
    const res = await create(droplet);
    expect(res.status).toBe(202);
    expect(res.headers.get('ratelimit-limit')).toBe('5000');
    const body = await res.json();
    expect(body.droplet).toMatchObject({
      name: 'web-1',
      status: 'new',
      size_slug: 's-1vcpu-1gb',
      networks: { v4: [], v6: [] },
      locked: true,
    });
    expect(body.links.actions[0]).toMatchObject({
      rel: 'create',
      href: expect.stringContaining('/digitalocean/api/v2/actions/'),
    });
    const action = await (await call(`/actions/${body.links.actions[0].id}`)).json();
    expect(action.action).toMatchObject({
      type: 'create',
      status: 'in-progress',
      resource_type: 'droplet',
    });
    sandbox.clock.advance(5);
    const active = (await (await call(`/droplets/${body.droplet.id}`)).json()).droplet;
    expect(active.status).toBe('active');
    expect(
      active.networks.v4.find((n: { type: string }) => n.type === 'public').ip_address,
    ).toMatch(/^203\.0\.113\.\d+$/);
    expect((await (await call(`/actions/${body.links.actions[0].id}`)).json()).action.status).toBe(
      'completed',
    );
  });

  it('reboots through an action, refusing a second one while the first runs', async () => {
    const { droplet: created } = await (await create(droplet)).json();
    sandbox.clock.advance(5);
    const reboot = await call(`/droplets/${created.id}/actions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'reboot' }),
    });
    expect(reboot.status).toBe(201);
    expect((await reboot.json()).action).toMatchObject({
      type: 'reboot',
      status: 'in-progress',
      resource_id: created.id,
    });
    const again = await call(`/droplets/${created.id}/actions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'power_off' }),
    });
    expect(again.status).toBe(422);
    sandbox.clock.advance(4);
    expect((await (await call(`/droplets/${created.id}`)).json()).droplet.status).toBe('active');
    const off = await call(`/droplets/${created.id}/actions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'power_off' }),
    });
    expect(off.status).toBe(201);
    expect((await (await call(`/droplets/${created.id}`)).json()).droplet.status).toBe('off');
  });

  it('deletes with 204, then answers 404 in the DigitalOcean shape', async () => {
    const { droplet: created } = await (await create(droplet)).json();
    const res = await call(`/droplets/${created.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const gone = await call(`/droplets/${created.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ id: 'not_found', request_id: expect.any(String) });
  });

  it.each([
    ['no name', { ...droplet, name: undefined }, 'Name is required.'],
    ['a bad name', { ...droplet, name: 'bad name!' }, 'Name is invalid'],
    [
      'an unknown size',
      { ...droplet, size: 's-64vcpu-1tb' },
      'You specified an invalid size for Droplet creation.',
    ],
    [
      'an unknown image',
      { ...droplet, image: 'windows-11' },
      'You specified an invalid image for Droplet creation.',
    ],
    [
      'an unavailable region',
      { ...droplet, region: 'nyc2' },
      'You specified an invalid region for Droplet creation.',
    ],
    ['tags that are not a list', { ...droplet, tags: 'web' }, 'tags must be a list of strings.'],
    [
      'user_data over 64 KiB',
      { ...droplet, user_data: 'x'.repeat(70_000) },
      'user_data must be at most 64 KiB.',
    ],
    ['a list instead of an object', [droplet], 'error parsing request body'],
  ])('rejects %s with 422 unprocessable_entity', async (_case, body, message) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    const error = await res.json();
    expect(error.id).toBe('unprocessable_entity');
    expect(error.message).toContain(message);
  });

  it('lists only the caller’s droplets, paged, filtered by tag', async () => {
    for (const name of ['a-1', 'a-2', 'a-3'])
      await create({ ...droplet, name, tags: name === 'a-2' ? ['db'] : [] });
    const jamie = test.token('digitalocean', ['read', 'write'], JAMIE);
    await create({ ...droplet, name: 'jamie-1' }, jamie);
    const page = await (await call('/droplets?per_page=2')).json();
    expect(page.droplets.map((d: { name: string }) => d.name)).toEqual(['a-1', 'a-2']);
    expect(page.meta.total).toBe(3);
    expect(new URL(page.links.pages.next).searchParams.get('page')).toBe('2');
    expect(
      (await (await call('/droplets?tag_name=db')).json()).droplets.map(
        (d: { name: string }) => d.name,
      ),
    ).toEqual(['a-2']);
    expect((await (await call('/droplets', { as: jamie })).json()).meta.total).toBe(1);
  });

  it('serves sizes with prices and distribution images', async () => {
    const sizes = (await (await call('/sizes')).json()).sizes;
    expect(sizes.find((s: { slug: string }) => s.slug === 's-1vcpu-1gb')).toMatchObject({
      price_monthly: 6,
      memory: 1024,
      available: true,
    });
    const images = (await (await call('/images?type=distribution&per_page=200')).json()).images;
    expect(images.map((i: { slug: string }) => i.slug)).toContain('debian-12-x64');
    expect((await (await call('/images?type=application')).json()).images).toEqual([]);
  });

  it('answers a token without droplet:create with 403 forbidden', async () => {
    const reader = test.token('digitalocean', ['droplet:read'], SAMMY);
    const res = await create(droplet, reader);
    expect(res.status).toBe(403);
    expect((await res.json()).id).toBe('forbidden');
  });
});
