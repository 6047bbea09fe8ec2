import { createHash, randomBytes } from 'node:crypto';
import { encryptionKeyId } from '@launchpad/api-config';
import { type Database, openDatabase } from '@launchpad/api-database';
import { runMigrations } from '@launchpad/api-database';
import { oauthStates, users } from '@launchpad/api-database';
import { createTestDatabase, type TestDatabase } from '@launchpad/api-testing';
import { TokenCipher } from '@launchpad/api-accounts';
import { OAuthStateStore } from './oauth-state.store';

describe(`OAuthStateStore (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let testDb: TestDatabase;
  let database: Database;
  let store: OAuthStateStore;
  let clock: number;
  const key = randomBytes(32);
  const cipher = new TokenCipher({ tokenEncryptionKey: { id: encryptionKeyId(key), key } });

  beforeEach(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.config);
    await runMigrations(database);
    clock = Date.parse('2026-11-22T10:00:00Z');
    store = new OAuthStateStore(database.db, cipher, () => new Date(clock));
  });

  afterEach(async () => {
    await database.close();
    await testDb.dispose();
  });

  it('hands back the PKCE verifier of the challenge once, and stores neither state nor verifier', async () => {
    const { state, codeChallenge } = await store.issue('linode');
    const raw = JSON.stringify(await database.db.select().from(oauthStates));
    expect(raw).not.toContain(state);
    const consumed = await store.consume('linode', state);
    expect(createHash('sha256').update(consumed!.codeVerifier).digest('base64url')).toBe(
      codeChallenge,
    );
    expect(raw).not.toContain(consumed!.codeVerifier);
    expect(await store.consume('linode', state)).toBeUndefined();
  });

  it('does not match a callback on the other provider’s path (mix-up), which leaves it usable', async () => {
    const { state } = await store.issue('digitalocean');
    expect(await store.consume('linode', state)).toBeUndefined();
    expect(await store.consume('digitalocean', state)).toBeDefined();
  });

  it('expires after ten minutes', async () => {
    const { state } = await store.issue('linode');
    clock += 10 * 60_000 + 1;
    expect(await store.consume('linode', state)).toBeUndefined();
  });

  it('refuses a missing or tampered state', async () => {
    const { state } = await store.issue('linode');
    expect(await store.consume('linode', undefined)).toBeUndefined();
    expect(
      await store.consume('linode', state.slice(0, -1) + (state.endsWith('A') ? 'B' : 'A')),
    ).toBeUndefined();
    expect(await store.consume('linode', 'x'.repeat(1000))).toBeUndefined();
  });

  it('gives a state to exactly one of several concurrent callbacks', async () => {
    const { state } = await store.issue('linode', null);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.consume('linode', state)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('carries the user to link', async () => {
    const [user] = await database.db.insert(users).values({ displayName: 'Ada' }).returning();
    const { state } = await store.issue('digitalocean', user!.id);
    expect((await store.consume('digitalocean', state))?.linkUserId).toBe(user!.id);
  });
});
