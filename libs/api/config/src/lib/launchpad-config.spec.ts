import { mkdtemp, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadLaunchpadConfig } from './launchpad-config';

describe('loadLaunchpadConfig', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'launchpad-config-'));
  });

  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) => loadLaunchpadConfig({ DATA_DIR: dataDir, ...env });

  async function problem(env: Record<string, string>): Promise<string> {
    const error = await load(env).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }

  it('runs on the embedded defaults with no variable set', async () => {
    const config = await load({});
    expect(config.app).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
    });
    expect(config.database).toEqual({ driver: 'pglite', dataDir });
    expect(config.secrets.source).toBe('data-dir');
  });

  it('believes forwarded headers from loopback proxies by default, and reads TRUST_PROXY', async () => {
    expect((await load({})).app.trustProxy).toEqual(['loopback']);
    expect((await load({ TRUST_PROXY: 'none' })).app.trustProxy).toBe(false);
    expect((await load({ TRUST_PROXY: '2' })).app.trustProxy).toBe(2);
    expect((await load({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' })).app.trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    for (const wrong of ['true', '10.0.0.0/33', 'proxy.example.com', '*']) {
      expect(await problem({ TRUST_PROXY: wrong })).toMatch(/^TRUST_PROXY: must be none, a number/);
    }
  });

  it('selects PostgreSQL when DATABASE_URL is set', async () => {
    const config = await load({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.database).toMatchObject({
      driver: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
      poolSize: 10,
    });
    const sized = await load({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      DATABASE_POOL_SIZE: '40',
    });
    expect(sized.database).toMatchObject({ driver: 'postgres', poolSize: 40 });
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: must be between 0 and 65535/],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, /^DATABASE_URL: must be a PostgreSQL URL/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL: /],
    [{ DATABASE_POOL_SIZE: '0' }, /^DATABASE_POOL_SIZE: must be at least 1/],
    [{ DATABASE_POOL_SIZE: 'many' }, /^DATABASE_POOL_SIZE: must be a number of connections/],
    [{ PUBLIC_URL: 'ftp://example.com' }, /^PUBLIC_URL: must be an http\(s\) URL/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ TOKEN_ENCRYPTION_KEY: 'too-short' }, /^TOKEN_ENCRYPTION_KEY: must be a 256-bit key/],
    [{ TOKEN_ENCRYPTION_KEY: 'z'.repeat(64) }, /^TOKEN_ENCRYPTION_KEY: must be a 256-bit key/],
    [{ SESSION_SECRET: 'short' }, /^SESSION_SECRET: must be at least 32 characters/],
  ])('refuses %j with one line naming the variable', async (env, expected) => {
    const message = await problem(env);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });

  it('never repeats a rejected secret in its message', async () => {
    const message = await problem({ SESSION_SECRET: 'hunter2-secret' });
    expect(message).not.toContain('hunter2');
  });

  it('generates secrets on first start, readable by the owner only, and keeps them', async () => {
    const first = await load({});
    const file = join(dataDir, 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await load({});
    expect(second.secrets.sessionSecret).toBe(first.secrets.sessionSecret);
    expect(second.secrets.tokenEncryptionKey.key.equals(first.secrets.tokenEncryptionKey.key)).toBe(
      true,
    );
    expect(first.secrets.tokenEncryptionKey.key).toHaveLength(32);
  });

  it('prefers secrets from the environment over generated ones', async () => {
    const key = Buffer.alloc(32, 7);
    const config = await load({
      TOKEN_ENCRYPTION_KEY: key.toString('hex'),
      SESSION_SECRET: 's'.repeat(40),
    });
    expect(config.secrets.source).toBe('environment');
    expect(config.secrets.tokenEncryptionKey.key.equals(key)).toBe(true);
    expect(config.secrets.tokenEncryptionKey.id).toMatch(/^[0-9a-f]{8}$/);
    await expect(readFile(join(dataDir, 'secrets.json'))).rejects.toThrow();
  });

  it('accepts a base64 key as printed by `openssl rand -base64 32`', async () => {
    const key = Buffer.alloc(32, 200);
    const config = await load({
      TOKEN_ENCRYPTION_KEY: key.toString('base64'),
      SESSION_SECRET: 's'.repeat(40),
    });
    expect(config.secrets.tokenEncryptionKey.key.equals(key)).toBe(true);
  });

  it('requires secrets from the environment in production', async () => {
    expect(await problem({ NODE_ENV: 'production' })).toMatch(
      /^SESSION_SECRET: required when NODE_ENV=production/,
    );
    expect(await problem({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) })).toMatch(
      /^TOKEN_ENCRYPTION_KEY: required/,
    );
  });

  it('refuses a damaged secrets file instead of silently replacing the keys', async () => {
    await writeFile(join(dataDir, 'secrets.json'), '{"sessionSecret": 1');
    expect(await problem({})).toMatch(/^DATA_DIR: .*secrets\.json is not valid JSON/);
    await writeFile(
      join(dataDir, 'secrets.json'),
      JSON.stringify({ sessionSecret: 'x'.repeat(40), tokenEncryptionKey: 'nope' }),
    );
    expect(await problem({})).toMatch(/^DATA_DIR: .*has an invalid tokenEncryptionKey/);
  });

  it('accepts previous encryption keys for rotation, and names a malformed one', async () => {
    const old = Buffer.alloc(32, 3);
    const config = await load({ TOKEN_ENCRYPTION_PREVIOUS_KEYS: ` ${old.toString('hex')} , ` });
    expect(config.secrets.previousEncryptionKeys).toHaveLength(1);
    expect(config.secrets.previousEncryptionKeys[0]?.key.equals(old)).toBe(true);
    expect(
      await problem({ TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${old.toString('hex')},nope` }),
    ).toMatch(/^TOKEN_ENCRYPTION_PREVIOUS_KEYS: must be a comma-separated list of 256-bit keys/);
  });

  it('reads session timeouts, and refuses nonsense', async () => {
    const config = await load({ SESSION_IDLE_MINUTES: '15', SESSION_ABSOLUTE_HOURS: '8' });
    expect(config.sessions).toEqual({
      idleTimeoutMs: 15 * 60_000,
      absoluteTimeoutMs: 8 * 3_600_000,
    });
    expect(await problem({ SESSION_IDLE_MINUTES: '0' })).toMatch(
      /^SESSION_IDLE_MINUTES: must be at least 1/,
    );
    expect(await problem({ SESSION_ABSOLUTE_HOURS: 'soon' })).toMatch(/^SESSION_ABSOLUTE_HOURS: /);
  });

  it('leaves /metrics open without METRICS_TOKEN, and takes only a long bearer token', async () => {
    expect((await load({})).metrics).toEqual({ token: null });
    const token = 'q0E3vS+Zk7Xw/2mB9YtLrN4cHu8pJd6aFe1gKo5iWs0=';
    expect((await load({ METRICS_TOKEN: token })).metrics).toEqual({ token });
    expect(await problem({ METRICS_TOKEN: 'letmein' })).toMatch(
      /^METRICS_TOKEN: must be at least 32 characters/,
    );
    expect(await problem({ METRICS_TOKEN: `${token} x` })).toMatch(
      /^METRICS_TOKEN: must be a bearer token/,
    );
  });

  it('reads deployable applications from APPLICATIONS_FILE, and names what is wrong in one', async () => {
    const file = join(dataDir, 'apps.json');
    const app = {
      id: 'static-site',
      name: 'Static site',
      description: 'nginx',
      linode: { stackscriptId: null },
      access: [{ label: 'Website', url: 'https://{{ipv4}}/' }],
    };
    await writeFile(file, JSON.stringify([app]));
    const config = await load({ APPLICATIONS_FILE: file, DEPLOY_ONLY: 'true' });
    expect(config.deployments.applications).toEqual([app]);
    expect(config.deployments.deployOnly).toBe(true);
    await writeFile(file, JSON.stringify([{ ...app, id: 'Bad Id' }]));
    expect(await problem({ APPLICATIONS_FILE: file })).toMatch(/^APPLICATIONS_FILE: 0\.id: /);
    const unsafe = { ...app, access: [{ label: 'Website', url: 'javascript:alert(1)' }] };
    await writeFile(file, JSON.stringify([unsafe]));
    expect(await problem({ APPLICATIONS_FILE: file })).toMatch(
      /^APPLICATIONS_FILE: 0\.access\.0\.url: must be an http:\/\/, https:\/\/ or ssh:\/\/ URL/,
    );
    expect(await problem({ APPLICATIONS_FILE: join(dataDir, 'missing.json') })).toMatch(
      /^APPLICATIONS_FILE: cannot read/,
    );
    expect(await problem({ DEPLOY_ONLY: 'yes' })).toMatch(/^DEPLOY_ONLY: /);
  });
});
