import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ProviderProfile } from '@launchpad/api-providers';
import { AccountsService } from './accounts.service';
import { loadProvidersConfig } from '@launchpad/api-config';
import { encryptionKeyId } from '@launchpad/api-config';
import { type Database, openDatabase } from '@launchpad/api-database';
import { runMigrations } from '@launchpad/api-database';
import { type LinkedAccount, linkedAccounts } from '@launchpad/api-database';
import { ProviderTokenClient } from '@launchpad/api-providers';
import { type TestDatabase, createTestDatabase } from '@launchpad/api-testing';
import { TokenCipher, TokenDecryptionError } from './token-cipher';
import { TokenVault } from './token-vault';

const onPostgres = Boolean(process.env['DATABASE_URL']);

/**
 * A sealed provider token is bound to its provider identity and its column by the associated
 * data: someone who can write the table (a bug, an injection, a restored backup) and moves a
 * ciphertext to another account or column gets an error from the vault, never the token.
 */
describe(`sealed tokens open only in their own row and column (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let testDb: TestDatabase;
  let database: Database;
  let accounts: AccountsService;
  let vault: TokenVault;
  const key = randomBytes(32);
  const cipher = new TokenCipher({ tokenEncryptionKey: { id: encryptionKeyId(key), key } });
  /** Far from expiry at either provider: the vault hands them out without calling it. */
  const tokens = (who: string) => ({
    accessToken: `access-${who}-${randomBytes(16).toString('hex')}`,
    refreshToken: `refresh-${who}-${randomBytes(16).toString('hex')}`,
    expiresAt: new Date(Date.now() + 30 * 24 * 3_600_000),
    scopes: 'linodes:read_write',
  });
  const profile = (provider: ProviderProfile['provider'], id: string, username: string) => ({
    provider,
    id,
    username,
    email: `${username}@example.com`,
  });

  beforeEach(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.config);
    await runMigrations(database);
    accounts = new AccountsService(database.db, cipher);
    vault = new TokenVault(database.db, accounts, new ProviderTokenClient(loadProvidersConfig({})));
  });

  afterEach(async () => {
    await database.close();
    await testDb.dispose();
  });

  const rowOf = async (accountId: string): Promise<LinkedAccount> => {
    const [row] = await database.db
      .select()
      .from(linkedAccounts)
      .where(eq(linkedAccounts.id, accountId));
    if (!row) throw new Error(`no linked account ${accountId}`);
    return row;
  };
  const write = (accountId: string, columns: Partial<LinkedAccount>) =>
    database.db.update(linkedAccounts).set(columns).where(eq(linkedAccounts.id, accountId));

  it.each([
    ['another user’s account at the same provider', profile('linode', 'linode-grace', 'grace')],
    ['another user’s account at the other provider', profile('digitalocean', 'do-sammy', 'sammy')],
  ])(
    'refuses an access token copied into %s, which still opens in its own row',
    async (_case, victimProfile) => {
      const adaTokens = tokens('ada');
      const ada = await accounts.signIn(profile('linode', 'linode-ada', 'ada'), adaTokens);
      const victim = await accounts.signIn(victimProfile, tokens('victim'));
      expect(victim.userId).not.toBe(ada.userId);
      const stolen = (await rowOf(ada.accountId)).accessTokenSealed;

      await write(victim.accountId, { accessTokenSealed: stolen });

      await expect(vault.accessToken(victim.accountId)).rejects.toThrow(TokenDecryptionError);
      await expect(accounts.tokensOf(victim.userId, victim.accountId)).rejects.toThrow(
        TokenDecryptionError,
      );
      // The ciphertext itself is sound: in its own row it opens, to ada's token.
      expect(await vault.accessToken(ada.accountId)).toBe(adaTokens.accessToken);
    },
  );

  it('refuses a refresh token copied into another user’s row', async () => {
    const ada = await accounts.signIn(profile('linode', 'linode-ada', 'ada'), tokens('ada'));
    const grace = await accounts.signIn(
      profile('linode', 'linode-grace', 'grace'),
      tokens('grace'),
    );
    await write(grace.accountId, {
      refreshTokenSealed: (await rowOf(ada.accountId)).refreshTokenSealed,
    });
    await expect(accounts.tokensOf(grace.userId, grace.accountId)).rejects.toThrow(
      TokenDecryptionError,
    );
  });

  it('refuses tokens swapped between the access and the refresh column of their own row', async () => {
    const adaTokens = tokens('ada');
    const ada = await accounts.signIn(profile('linode', 'linode-ada', 'ada'), adaTokens);
    const row = await rowOf(ada.accountId);

    await write(ada.accountId, { accessTokenSealed: row.refreshTokenSealed });
    // The refresh token, sealed for the refresh column, does not open as the access token.
    await expect(vault.accessToken(ada.accountId)).rejects.toThrow(TokenDecryptionError);

    await write(ada.accountId, {
      accessTokenSealed: row.accessTokenSealed,
      refreshTokenSealed: row.accessTokenSealed,
    });
    await expect(accounts.tokensOf(ada.userId, ada.accountId)).rejects.toThrow(
      TokenDecryptionError,
    );

    // Put back where they were sealed, both open again.
    await write(ada.accountId, {
      accessTokenSealed: row.accessTokenSealed,
      refreshTokenSealed: row.refreshTokenSealed,
    });
    expect(await accounts.tokensOf(ada.userId, ada.accountId)).toMatchObject({
      accessToken: adaTokens.accessToken,
      refreshToken: adaTokens.refreshToken,
    });
  });
});
