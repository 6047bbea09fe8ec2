import { eq, sql } from 'drizzle-orm';
import { StartupError } from '@launchpad/api-config';
import { createTestDatabase, type TestDatabase } from '@launchpad/api-testing';
import { type Database, openDatabase, rowsOf } from './database';
import { pendingMigrations, runMigrations } from './migrate';
import { linkedAccounts, sessions, users } from './schema';

// These run on PGlite by default and on PostgreSQL when DATABASE_URL is set (.ci/run does both).
describe(`database layer (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let testDb: TestDatabase;
  let database: Database;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.config);
  });

  afterEach(async () => {
    await database.close();
    await testDb.dispose();
  });

  async function appliedMigrations(db: Database): Promise<number> {
    const result = await db.db.execute(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    return Number(rowsOf<{ count: number }>(result)[0]?.count);
  }

  it('applies the migrations and stores users', async () => {
    await runMigrations(database);
    const [created] = await database.db
      .insert(users)
      .values({ displayName: 'Ada', email: 'ada@example.com' })
      .returning();
    expect(created?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created?.createdAt).toBeInstanceOf(Date);
    const found = await database.db.select().from(users).where(eq(users.email, 'ada@example.com'));
    expect(found.map((u) => u.displayName)).toEqual(['Ada']);
  });

  it("counts none of this build's migrations as pending once migrated", async () => {
    await runMigrations(database);
    expect(await pendingMigrations(database)).toBe(0);
    await database.db.execute(
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
    );
    expect(await pendingMigrations(database)).toBe(1);
  });

  it('re-running the migrations changes nothing and keeps the data', async () => {
    await runMigrations(database);
    await database.db.insert(users).values({ displayName: 'Grace' });
    const count = await appliedMigrations(database);
    await runMigrations(database);
    expect(await appliedMigrations(database)).toBe(count);
    expect(await database.db.select().from(users)).toHaveLength(1);
  });

  it('keeps data when the database is closed and opened again', async () => {
    await runMigrations(database);
    await database.db.insert(users).values({ displayName: 'Linus' });
    await database.close();
    database = await openDatabase(testDb.config);
    await runMigrations(database);
    expect((await database.db.select().from(users)).map((u) => u.displayName)).toEqual(['Linus']);
  });

  it('links one provider identity to one user only, and forgets accounts and sessions with the user', async () => {
    await runMigrations(database);
    const [user] = await database.db.insert(users).values({ displayName: 'Ada' }).returning();
    const account = {
      userId: user!.id,
      provider: 'linode' as const,
      providerUserId: '42',
      scopes: 'linodes:read_write',
    };
    await database.db.insert(linkedAccounts).values(account);
    await expect(database.db.insert(linkedAccounts).values(account)).rejects.toThrow();
    await database.db.insert(sessions).values({
      idHash: 'h'.repeat(64),
      userId: user!.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    await database.db.delete(users).where(eq(users.id, user!.id));
    expect(await database.db.select().from(linkedAccounts)).toEqual([]);
    expect(await database.db.select().from(sessions)).toEqual([]);
  });

  it('answers a ping with its latency, in milliseconds of the round trip', async () => {
    const started = performance.now();
    const latency = await database.ping();
    const wall = performance.now() - started;
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThanOrEqual(wall);
  });

  it('rejects a ping once closed', async () => {
    await database.close();
    await expect(database.ping()).rejects.toThrow();
  });

  // Each driver's own tests are registered on both, and show as skipped on the other.
  const postgresOnly = process.env['DATABASE_URL'] ? it : it.skip;
  const pgliteOnly = process.env['DATABASE_URL'] ? it.skip : it;

  postgresOnly(
    'lets several instances migrate at once: each migration is applied exactly once',
    async () => {
      const others = await Promise.all([1, 2, 3].map(() => openDatabase(testDb.config)));
      try {
        await Promise.all([database, ...others].map((db) => runMigrations(db)));
        const expected = (await import('node:fs'))
          .readdirSync((await import('./migrate')).MIGRATIONS_FOLDER)
          .filter((f) => f.endsWith('.sql')).length;
        expect(await appliedMigrations(database)).toBe(expected);
      } finally {
        await Promise.all(others.map((db) => db.close()));
      }
    },
  );

  pgliteOnly(
    'refuses a second process on the same PGlite data directory with a clear message',
    async () => {
      // The lock is per process: simulate another live process by writing its pid (our parent's).
      const { writeFile, rm } = await import('node:fs/promises');
      const { join } = await import('node:path');
      await database.close();
      await writeFile(join(testDb.config.dataDir, 'pglite.pid'), String(process.ppid));
      const error = await openDatabase(testDb.config).then(
        (db) => db.close().then(() => undefined),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(
        /^DATA_DIR: .* is in use by another Launchpad process \(pid \d+\)/,
      );
      await rm(join(testDb.config.dataDir, 'pglite.pid'));
      database = await openDatabase(testDb.config);
    },
  );

  pgliteOnly('takes over the lock of a process that died', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await database.close();
    await writeFile(join(testDb.config.dataDir, 'pglite.pid'), '999999999');
    database = await openDatabase(testDb.config);
    expect(await database.ping()).toBeGreaterThan(0);
  });

  it('fails with one line naming DATABASE_URL, without the password, when PostgreSQL is unreachable', async () => {
    const error = await openDatabase({
      driver: 'postgres',
      url: 'postgres://launchpad:s3cret@127.0.0.1:1/launchpad',
      dataDir: testDb.config.dataDir,
      poolSize: 1,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^DATABASE_URL: cannot connect to postgres:\/\/launchpad:\*\*\*@127\.0\.0\.1:1\/launchpad \(.*ECONNREFUSED.*\)$/,
    );
    expect(message).not.toContain('s3cret');
  });
});
