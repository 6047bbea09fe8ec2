import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxServer, createSandboxServer } from '../server';

const USER = 'linode-ada';

describe('sandbox control API and state', () => {
  let dataDir: string;
  let sandbox: SandboxServer;
  let base: string;

  const start = async () => {
    sandbox = createSandboxServer({ host: '127.0.0.1', port: 0, log: 'silent', dataDir });
    base = (await sandbox.listen()).url;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sandbox-state-'));
    await start();
  });

  afterEach(async () => {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const profile = (token: string) =>
    fetch(`${base}/linode/api/v4/profile`, { headers: { Authorization: `Bearer ${token}` } });
  const control = (path: string, method: string, body?: unknown) =>
    fetch(`${base}/_sandbox${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const issue = () =>
    sandbox.tokens.issue({ provider: 'linode', clientId: 'c', userId: USER, scopes: ['*'] });

  it('keeps tokens across a restart, and /_sandbox/reset wipes them', async () => {
    const { accessToken } = issue();
    await sandbox.close();
    await start();
    expect((await profile(accessToken)).status).toBe(200);
    expect((await control('/reset', 'POST')).status).toBe(200);
    expect((await profile(accessToken)).status).toBe(401);
  });

  it('shortens token lifetimes, and advancing the clock expires tokens', async () => {
    const res = await control('/settings', 'PATCH', { linodeTokenLifetime: 60 });
    expect(await res.json()).toMatchObject({
      linodeTokenLifetime: 60,
      digitalOceanTokenLifetime: 2592000,
    });
    const { accessToken } = issue();
    expect((await profile(accessToken)).status).toBe(200);
    const advanced = await (await control('/clock/advance', 'POST', { seconds: 61 })).json();
    expect(advanced.offsetSeconds).toBe(61);
    expect((await profile(accessToken)).status).toBe(401);
  });

  it('gives each Linode demo user a profile uid of their own', async () => {
    const uidOf = async (userId: string) => {
      const { accessToken } = sandbox.tokens.issue({
        provider: 'linode',
        clientId: 'c',
        userId,
        scopes: ['*'],
      });
      return ((await (await profile(accessToken)).json()) as { uid: number }).uid;
    };
    const [ada, grace] = [await uidOf('linode-ada'), await uidOf('linode-grace')];
    expect(Number.isInteger(ada)).toBe(true);
    expect(ada).not.toBe(grace);
    expect(await uidOf('linode-ada')).toBe(ada);
  });

  it('reports each grant: issued, rotated by a refresh, revoked, and token calls by outcome', async () => {
    const first = sandbox.tokens.issue({
      provider: 'digitalocean',
      clientId: 'c',
      userId: 'b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
      scopes: ['droplet:read'],
    });
    const token = (refreshToken: string) =>
      fetch(`${base}/digitalocean/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
      });
    const refreshed = await (await token(first.refreshToken ?? '')).json();
    expect((await token(first.refreshToken ?? '')).status).toBe(400);
    await fetch(`${base}/digitalocean/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshed.access_token }),
    });
    const report = await (await control('/grants?provider=digitalocean', 'GET')).json();
    expect(report.grants).toEqual([
      expect.objectContaining({
        accessToken: first.accessToken,
        status: 'refreshed',
        via: 'direct',
      }),
      expect.objectContaining({
        accessToken: refreshed.access_token,
        status: 'revoked',
        via: 'refresh_token',
        refreshedFrom: report.grants[0].id,
      }),
    ]);
    expect(report.tokenRequests).toEqual({
      'digitalocean refresh_token ok': 1,
      'digitalocean refresh_token invalid_grant': 1,
    });
    expect((await (await control('/grants?provider=linode', 'GET')).json()).grants).toEqual([]);
  });

  it.each([
    [{ linodeTokenLifetime: 0 }, 'linodeTokenLifetime must be a whole number of seconds'],
    [{ linodeTokenLifetime: '60' }, 'linodeTokenLifetime must be a whole number of seconds'],
    [{ colour: 'blue' }, 'Unknown setting: colour'],
    [[1, 2], 'The body must be a JSON object'],
  ])('refuses settings %j with 400', async (body, message) => {
    const res = await control('/settings', 'PATCH', body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain(message);
  });

  it('refuses a clock that would go backwards, and malformed JSON', async () => {
    expect((await control('/clock/advance', 'POST', { seconds: -5 })).status).toBe(400);
    const bad = await fetch(`${base}/_sandbox/clock/advance`, {
      method: 'POST',
      body: '{"seconds":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'Malformed JSON' });
  });

  it('seeds running demo servers into the demo accounts', async () => {
    const res = await control('/seed', 'POST');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ seeded: { linodes: 2, droplets: 1 } });
    const { accessToken } = issue();
    const list = await (
      await fetch(`${base}/linode/api/v4/linode/instances`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      })
    ).json();
    expect(list.data.map((l: { label: string; status: string }) => [l.label, l.status])).toEqual([
      ['ada-blog', 'running'],
      ['ada-build-box', 'running'],
    ]);
  });

  it('seeds N running servers per provider for chosen demo users, and refuses bad counts', async () => {
    const res = await control('/seed', 'POST', { count: 3, linodeOwner: 'linode-linus' });
    expect(await res.json()).toEqual({ seeded: { linodes: 3, droplets: 3 } });
    const { accessToken } = sandbox.tokens.issue({
      provider: 'linode',
      clientId: 'c',
      userId: 'linode-linus',
      scopes: ['*'],
    });
    const list = await (
      await fetch(`${base}/linode/api/v4/linode/instances`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      })
    ).json();
    expect(list.results).toBe(3);
    expect((await control('/seed', 'POST', { count: 0 })).status).toBe(400);
    expect((await control('/seed', 'POST', { count: 1, linodeOwner: 'nobody' })).status).toBe(400);
  });
});
