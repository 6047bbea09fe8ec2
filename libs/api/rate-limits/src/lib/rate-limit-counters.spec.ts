import { type Database, openDatabase, runMigrations } from '@launchpad/api-database';
import { createTestDatabase, type TestDatabase } from '@launchpad/api-testing';
import { DatabaseThrottlerStorage } from './database-throttler.storage';
import { RateLimitCounters } from './rate-limit-counters';

describe(`RateLimitCounters (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let testDb: TestDatabase;
  let database: Database;
  let now: Date;
  let counters: RateLimitCounters;
  const MINUTE = 60_000;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.config);
    await runMigrations(database);
    now = new Date('2026-12-02T10:00:00Z');
    counters = new RateLimitCounters(database.db, () => now);
  });

  afterEach(async () => {
    await database.close();
    await testDb.dispose();
  });

  it('counts hits in a fixed window, and starts again once it has ended', async () => {
    expect(await counters.hit('k', MINUTE)).toEqual({ count: 1, resetsInMs: MINUTE });
    now = new Date(now.getTime() + 20_000);
    expect(await counters.hit('k', MINUTE)).toEqual({ count: 2, resetsInMs: 40_000 });
    expect(await counters.count('k', MINUTE)).toBe(2);
    expect(await counters.count('other', MINUTE)).toBe(0);
    now = new Date(now.getTime() + 40_000);
    expect(await counters.count('k', MINUTE)).toBe(0);
    expect(await counters.hit('k', MINUTE)).toEqual({ count: 1, resetsInMs: MINUTE });
  });

  it('counts concurrent hits exactly', async () => {
    await Promise.all(Array.from({ length: 25 }, () => counters.hit('burst', MINUTE)));
    expect(await counters.count('burst', MINUTE)).toBe(25);
  });

  it('sweeps counters whose window started over a day ago', async () => {
    await counters.hit('old', MINUTE);
    now = new Date(now.getTime() + 25 * 3600 * 1000);
    await counters.hit('new', MINUTE);
    expect(await counters.sweep()).toBe(1);
    expect(await counters.count('new', MINUTE)).toBe(1);
  });

  it("gives the throttler its record: blocked over the limit until the window's end", async () => {
    const storage = new DatabaseThrottlerStorage(counters);
    const hit = () => storage.increment('route-key', MINUTE, 2, MINUTE, 'address');
    expect(await hit()).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    await hit();
    now = new Date(now.getTime() + 15_000);
    expect(await hit()).toEqual({
      totalHits: 3,
      timeToExpire: 45,
      isBlocked: true,
      timeToBlockExpire: 45,
    });
  });
});
