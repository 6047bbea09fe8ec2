import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt } from './support/launchpad-process';

describe('managing OAuth clients from a shell (main.js clients)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'launchpad-clients-'));
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const clients = async (...args: string[]) => {
    const run = runBuilt('dist/apps/api/main.js', { DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, [
      'clients',
      ...args,
    ]);
    return { code: await run.exited, out: run.stdout() };
  };

  it('adds a confidential client (secret shown once), lists it, removes it', async () => {
    const added = await clients(
      'add',
      '--name',
      'Build box',
      '--type',
      'confidential',
      '--scopes',
      'servers:read',
    );
    expect(added.code).toBe(0);
    const id = /client_id\s+(\S+)/.exec(added.out)?.[1] ?? '';
    const secret = /client_secret\s+(\S+)/.exec(added.out)?.[1] ?? '';
    expect(id).toMatch(/^lpc_/);
    expect(secret.length).toBeGreaterThanOrEqual(43);

    const listed = await clients('list');
    expect(listed.out).toContain(`${id}\tconfidential\tBuild box\tservers:read`);
    expect(listed.out).toContain('launchpad-cli\tpublic\tLaunchpad CLI');
    expect(listed.out).not.toContain(secret);

    expect((await clients('remove', id)).code).toBe(0);
    expect((await clients('list')).out).not.toContain(id);
    expect((await clients('remove', 'launchpad-cli')).code).toBe(64);
  });

  it('explains its usage and refuses a bad scope', async () => {
    const usage = await clients();
    expect(usage.code).toBe(64);
    expect(usage.out).toContain('Usage: node dist/apps/api/main.js clients');
    const bad = await clients('add', '--name', 'x', '--type', 'public', '--scopes', 'root');
    expect(bad.code).toBe(64);
    expect(bad.out).toMatch(/allowedScopes/);
  });
});
