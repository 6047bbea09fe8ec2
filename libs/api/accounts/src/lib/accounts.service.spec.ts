import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { encryptionKeyId } from '@launchpad/api-config';
import { type Database, openDatabase } from '@launchpad/api-database';
import { runMigrations } from '@launchpad/api-database';
import { createTestDatabase, type TestDatabase } from '@launchpad/api-testing';
import { TokenCipher } from './token-cipher';
import { AccountConflictError, AccountsService } from './accounts.service';

describe(`AccountsService (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let testDb: TestDatabase;
  let database: Database;
  let accounts: AccountsService;
  const key = randomBytes(32);
  const cipher = new TokenCipher({ tokenEncryptionKey: { id: encryptionKeyId(key), key } });
  const tokens = (suffix: string) => ({
    accessToken: `access-${suffix}-${'a'.repeat(40)}`,
    refreshToken: `refresh-${suffix}-${'r'.repeat(40)}`,
    expiresAt: new Date('2026-11-22T11:00:00Z'),
    scopes: 'linodes:read_write',
  });
  const linode = {
    provider: 'linode' as const,
    id: '1234',
    username: 'ada',
    email: 'ada@example.com',
  };
  const digitalocean = {
    provider: 'digitalocean' as const,
    id: 'uuid-sammy',
    username: 'Sammy',
    email: 'sammy@example.com',
  };

  beforeEach(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.config);
    await runMigrations(database);
    accounts = new AccountsService(database.db, cipher);
  });

  afterEach(async () => {
    await database.close();
    await testDb.dispose();
  });

  it('creates a user at the first sign-in and links the other provider to the same user', async () => {
    const first = await accounts.signIn(linode, tokens('l1'));
    const second = await accounts.signIn(
      digitalocean,
      { ...tokens('d1'), scopes: 'droplet:read droplet:create' },
      first.userId,
    );
    expect(second.userId).toBe(first.userId);
    const list = await accounts.list(first.userId);
    expect(list.map((a) => [a.provider, a.username, a.scopes])).toEqual([
      ['linode', 'ada', ['linodes:read_write']],
      ['digitalocean', 'Sammy', ['droplet:read', 'droplet:create']],
    ]);
    expect(JSON.stringify(list)).not.toContain('access-');
  });

  it('signs the same person in again: same user, fresh tokens', async () => {
    const first = await accounts.signIn(linode, tokens('old'));
    const again = await accounts.signIn(linode, tokens('new'));
    expect(again).toMatchObject({ userId: first.userId, accountId: first.accountId });
    // The tokens replaced are handed back, for the caller to revoke at the provider.
    expect(again.replaced).toMatchObject({
      accessToken: tokens('old').accessToken,
      refreshToken: tokens('old').refreshToken,
    });
    expect((await accounts.tokensOf(first.userId, first.accountId))?.accessToken).toBe(
      tokens('new').accessToken,
    );
  });

  it('stores only ciphertext (read straight from the table)', async () => {
    await accounts.signIn(linode, tokens('secret'));
    const rows = await database.db.execute(sql`select * from linked_accounts`);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain('access-secret');
    expect(raw).not.toContain('refresh-secret');
    expect(raw).toMatch(/v1\.[0-9a-f]{8}\./);
  });

  it('refuses to link an identity that belongs to another user, changing nothing', async () => {
    const ada = await accounts.signIn(linode, tokens('ada'));
    const other = await accounts.signIn(digitalocean, tokens('sammy'));
    await expect(accounts.signIn(linode, tokens('stolen'), other.userId)).rejects.toThrow(
      AccountConflictError,
    );
    expect((await accounts.tokensOf(ada.userId, ada.accountId))?.accessToken).toBe(
      tokens('ada').accessToken,
    );
    expect(await accounts.list(other.userId)).toHaveLength(1);
  });

  it('opens tokens only for their owner', async () => {
    const ada = await accounts.signIn(linode, tokens('ada'));
    const other = await accounts.signIn(digitalocean, tokens('sammy'));
    expect(await accounts.tokensOf(other.userId, ada.accountId)).toBeUndefined();
  });
});
