import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '@launchpad/api-database';
import { runMigrations } from '@launchpad/api-database';
import { users } from '@launchpad/api-database';
import { createTestDatabase, type TestDatabase } from '@launchpad/api-testing';
import { SessionStore } from './session-store';

describe(`SessionStore (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let testDb: TestDatabase;
  let database: Database;
  let store: SessionStore;
  let clock: number;
  let userId: string;
  const config = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };

  beforeEach(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.config);
    await runMigrations(database);
    clock = Date.parse('2026-11-22T09:00:00Z');
    store = new SessionStore(
      database.db,
      config,
      { sessionSecret: 's'.repeat(40) },
      () => new Date(clock),
    );
    const [user] = await database.db.insert(users).values({ displayName: 'Ada' }).returning();
    userId = user!.id;
  });

  afterEach(async () => {
    await database.close();
    await testDb.dispose();
  });

  it('resolves a new session, storing only a hash of its id', async () => {
    const id = await store.create(userId);
    expect(id).toMatch(/^[\w-]{43}$/);
    expect((await store.resolve(id))?.userId).toBe(userId);
    const stored = await database.db.execute(sql`select id_hash from sessions`);
    expect(JSON.stringify(stored)).not.toContain(id);
  });

  it('survives a new store over the same database (an API restart, another instance)', async () => {
    const id = await store.create(userId);
    const other = new SessionStore(
      database.db,
      config,
      { sessionSecret: 's'.repeat(40) },
      () => new Date(clock),
    );
    expect((await other.resolve(id))?.userId).toBe(userId);
  });

  it('ends a session idle for 30 minutes, and keeps one in use', async () => {
    const active = await store.create(userId);
    const idle = await store.create(userId);
    for (let minute = 0; minute < 40; minute += 10) {
      clock += 10 * 60_000;
      expect(await store.resolve(active)).toBeDefined();
    }
    expect(await store.resolve(idle)).toBeUndefined();
  });

  it('ends a session 12 hours after sign-in however active', async () => {
    const id = await store.create(userId);
    // Used every 20 minutes (never idle) for 11 h 40 min: still valid.
    for (let step = 0; step < 35; step++) {
      clock += 20 * 60_000;
      expect(await store.resolve(id)).toBeDefined();
    }
    clock += 20 * 60_000;
    expect(await store.resolve(id)).toBeUndefined();
  });

  it('rotates: the old id stops working, the new one belongs to the same user', async () => {
    const old = await store.create(userId);
    const fresh = await store.rotate(old, userId);
    expect(await store.resolve(old)).toBeUndefined();
    expect((await store.resolve(fresh))?.userId).toBe(userId);
  });

  it('derives a CSRF token per session and compares it in constant time', async () => {
    const a = (await store.resolve(await store.create(userId)))!;
    const b = (await store.resolve(await store.create(userId)))!;
    expect(store.csrfTokenMatches(a, store.csrfToken(a))).toBe(true);
    expect(store.csrfTokenMatches(a, store.csrfToken(b))).toBe(false);
    expect(store.csrfTokenMatches(a, undefined)).toBe(false);
  });

  it('ignores junk cookie values', async () => {
    expect(await store.resolve(undefined)).toBeUndefined();
    expect(await store.resolve('x'.repeat(5000))).toBeUndefined();
    expect(await store.resolve("'; drop table sessions; --")).toBeUndefined();
  });
});
