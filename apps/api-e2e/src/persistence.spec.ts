import { PGlite } from '@electric-sql/pglite';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt, startApi } from './support/launchpad-process';

describe('the embedded default keeps its data across restarts', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'launchpad-e2e-'));
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function withDatabase<T>(use: (db: PGlite) => Promise<T>): Promise<T> {
    const db = await PGlite.create(join(dataDir, 'pglite'));
    try {
      return await use(db);
    } finally {
      await db.close();
    }
  }

  it('keeps rows and generated secrets when stopped with Ctrl-C and started again', async () => {
    const first = await startApi({ DATA_DIR: dataDir });
    expect(await first.stop()).toBe(0);

    const secrets = await readFile(join(dataDir, 'secrets.json'), 'utf8');
    expect((await stat(join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    await withDatabase((db) =>
      db.query(`insert into users (display_name) values ('Ada Lovelace')`),
    );

    const second = await startApi({ DATA_DIR: dataDir });
    const health = await (await fetch(`${second.url}/api/health`)).json();
    expect(health.database.status).toBe('up');
    expect(await second.stop()).toBe(0);

    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).toBe(secrets);
    const names = await withDatabase(
      async (db) =>
        (await db.query<{ display_name: string }>('select display_name from users')).rows,
    );
    expect(names).toEqual([{ display_name: 'Ada Lovelace' }]);
  });

  it('refuses a second API on the same data directory instead of corrupting it', async () => {
    const first = await startApi({ DATA_DIR: dataDir });
    try {
      const second = runBuilt('dist/apps/api/main.js', {
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'warn',
      });
      expect(await second.exited).toBe(1);
      expect(second.stderr()).toMatch(
        /^Launchpad cannot start: DATA_DIR: .* is in use by another Launchpad process \(pid \d+\)/,
      );
      const res = await fetch(`${first.url}/api/health`);
      expect(res.status).toBe(200);
    } finally {
      await first.stop();
    }
  });
});
