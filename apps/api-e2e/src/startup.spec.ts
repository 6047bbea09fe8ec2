import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt, startApi } from './support/launchpad-process';

/** Starts the API with a configuration that must be refused, and returns what it printed. */
async function refusedStart(
  env: Record<string, string>,
): Promise<{ code: number | string; stderr: string }> {
  const api = runBuilt('dist/apps/api/main.js', { LOG_LEVEL: 'warn', PORT: '0', ...env });
  const code = await Promise.race([
    api.exited,
    new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 20_000)),
  ]);
  if (code === 'still running') await api.stop();
  return { code, stderr: api.stderr() };
}

describe('API start-up with a wrong configuration', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'launchpad-e2e-'));
  });

  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it.each([
    [
      'an unreachable PostgreSQL',
      { DATABASE_URL: 'postgres://launchpad:pw@127.0.0.1:1/x' },
      /^Launchpad cannot start: DATABASE_URL: cannot connect to postgres:\/\/launchpad:\*\*\*@127\.0\.0\.1:1\/x \(.*\)\n$/,
    ],
    [
      'a DATABASE_URL that is not PostgreSQL',
      { DATABASE_URL: 'mysql://root@127.0.0.1/x' },
      /^Launchpad cannot start: DATABASE_URL: must be a PostgreSQL URL/,
    ],
    [
      'a malformed encryption key',
      { TOKEN_ENCRYPTION_KEY: 'not-a-key', SESSION_SECRET: 'x'.repeat(40) },
      /^Launchpad cannot start: TOKEN_ENCRYPTION_KEY: must be a 256-bit key/,
    ],
    ['a port that is not a number', { PORT: 'http' }, /^Launchpad cannot start: PORT: /],
    [
      'production without secrets',
      { NODE_ENV: 'production' },
      /^Launchpad cannot start: SESSION_SECRET: required/,
    ],
  ])('stops on %s with one clear line and exit code 1', async (_case, env, expected) => {
    const { code, stderr } = await refusedStart({ DATA_DIR: dataDir, ...env });
    expect(code).toBe(1);
    expect(stderr).toMatch(expected);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\s+at /); // no stack trace
  });

  it('refuses a port that is taken, naming it', async () => {
    const first = await startApi({ DATA_DIR: dataDir });
    try {
      const port = new URL(first.url).port;
      const other = await mkdtemp(join(tmpdir(), 'launchpad-e2e-'));
      const { code, stderr } = await refusedStart({ DATA_DIR: other, PORT: port });
      await rm(other, { recursive: true, force: true });
      expect(code).toBe(1);
      expect(stderr).toBe(`Launchpad cannot start: PORT: 127.0.0.1:${port} is already in use\n`);
    } finally {
      await first.stop();
    }
  });
});
