import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AccountsService } from './accounts.service';
import type { ProviderName } from '@launchpad/api-config';
import { encryptionKeyId } from '@launchpad/api-config';
import { type Database, openDatabase } from '@launchpad/api-database';
import { runMigrations } from '@launchpad/api-database';
import { linkedAccounts, pendingRevocations } from '@launchpad/api-database';
import { fetchProviderProfile } from '@launchpad/api-providers';
import { ProviderTokenClient } from '@launchpad/api-providers';
import { type SandboxProcess, signInAtSandbox, startSandbox } from '@launchpad/api-testing';
import { type TestDatabase, createTestDatabase } from '@launchpad/api-testing';
import { RevocationService } from './revocations';
import { TokenCipher } from './token-cipher';
import {
  AccountNeedsRelinkError,
  ProviderUnauthorizedError,
  REFRESH_AHEAD_MS,
  TokenVault,
} from './token-vault';

const onPostgres = Boolean(process.env['DATABASE_URL']);

describe(`token vault: refresh and revocation (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let sandbox: SandboxProcess;
  let testDb: TestDatabase;
  let database: Database;
  let accounts: AccountsService;
  let client: ProviderTokenClient;
  const key = randomBytes(32);
  const cipher = new TokenCipher({ tokenEncryptionKey: { id: encryptionKeyId(key), key } });

  beforeAll(async () => {
    sandbox = await startSandbox();
    client = new ProviderTokenClient(sandbox.providers);
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  beforeEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.config);
    await runMigrations(database);
    accounts = new AccountsService(database.db, cipher);
  });

  afterEach(async () => {
    await database.close();
    await testDb.dispose();
  });

  /** A linked account holding real sandbox tokens, as a sign-in leaves it. */
  async function linkedAccount(provider: ProviderName = 'linode'): Promise<string> {
    const tokens = client.toTokens(
      provider,
      await signInAtSandbox(sandbox.providers[provider], provider),
    );
    const profile = await fetchProviderProfile(
      provider,
      sandbox.providers[provider],
      tokens.accessToken,
    );
    return (await accounts.signIn(profile, tokens)).accountId;
  }

  const audit = async () =>
    (await (await fetch(`${sandbox.url}/_sandbox/grants`)).json()) as {
      grants: { status: string; via: string; accessToken: string }[];
      tokenRequests: Record<string, number>;
    };

  const later = (ms: number) => () => new Date(Date.now() + ms);
  /** An API clock at which a 2-hour Linode token is inside its refresh window. */
  const nearExpiry = later(2 * 3_600_000 - REFRESH_AHEAD_MS.linode + 60_000);

  /** Linode's GET /v4/profile, as a provider client would call it through the vault. */
  const linodeProfile = async (token: string) => {
    const res = await fetch(`${sandbox.providers.linode.apiUrl}/v4/profile`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.status === 401) throw new ProviderUnauthorizedError('401 from the provider');
    return (await res.json()) as { username: string };
  };

  it('hands out the stored token while it is fresh, without calling the provider', async () => {
    const id = await linkedAccount();
    const vault = new TokenVault(database.db, accounts, client);
    const [grant] = (await audit()).grants;
    expect(await vault.accessToken(id)).toBe(grant?.accessToken);
    expect((await audit()).tokenRequests['linode refresh_token ok']).toBeUndefined();
  });

  it('refreshes ahead of expiry and stores the rotated pair, sealed', async () => {
    const id = await linkedAccount();
    const vault = new TokenVault(database.db, accounts, client, nearExpiry);
    const token = await vault.accessToken(id);
    const report = await audit();
    expect(report.grants.map((g) => [g.via, g.status])).toEqual([
      ['authorization_code', 'refreshed'],
      ['refresh_token', 'active'],
    ]);
    expect(token).toBe(report.grants[1]?.accessToken);
    const [row] = await database.db.select().from(linkedAccounts);
    expect(row?.accessTokenSealed).not.toContain(token);
    expect(row?.refreshLeaseUntil).toBeNull();
    expect(row?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(nearExpiry().getTime());
  });

  it('recovers from a clock jump at the provider: a 401 refreshes once and retries', async () => {
    const id = await linkedAccount();
    await fetch(`${sandbox.url}/_sandbox/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ seconds: 2 * 3600 + 1 }),
    });
    // The API's own clock says the token has hours left; the provider says it is dead.
    const vault = new TokenVault(database.db, accounts, client);
    const profile = await vault.withAccessToken(id, linodeProfile);
    expect(profile.username).toBe('ada');
    expect((await audit()).tokenRequests).toEqual({
      'linode authorization_code ok': 1,
      'linode refresh_token ok': 1,
    });
  });

  it('two API instances racing to refresh one account make exactly one refresh call', async () => {
    const id = await linkedAccount();
    // Two instances: on PostgreSQL each with its own connection pool, as separate processes
    // would be; PGlite is single-process, so there they share the embedded database.
    const second = onPostgres ? await openDatabase(testDb.config) : database;
    try {
      // Both instances' clocks (the vault's and the token client's) read the same time.
      const clientNearExpiry = new ProviderTokenClient(sandbox.providers, fetch, nearExpiry);
      const a = new TokenVault(database.db, accounts, clientNearExpiry, nearExpiry);
      const b = new TokenVault(
        second.db,
        new AccountsService(second.db, cipher),
        clientNearExpiry,
        nearExpiry,
      );
      const tokens = await Promise.all([
        a.accessToken(id),
        b.accessToken(id),
        a.accessToken(id),
        b.accessToken(id),
      ]);
      expect(new Set(tokens).size).toBe(1);
      const report = await audit();
      expect(report.tokenRequests).toEqual({
        'linode authorization_code ok': 1,
        'linode refresh_token ok': 1,
      });
      expect(tokens[0]).toBe(report.grants.find((g) => g.status === 'active')?.accessToken);
    } finally {
      if (second !== database) await second.close();
    }
  });

  it('the maintenance round refreshes just the accounts inside their refresh window, once', async () => {
    await linkedAccount('linode');
    await linkedAccount('digitalocean');
    const clock = new ProviderTokenClient(sandbox.providers, fetch, nearExpiry);
    const vault = new TokenVault(database.db, accounts, clock, nearExpiry);
    // The Linode token (2 h) is inside its window at this clock; DigitalOcean's (30 days) is not.
    expect(await vault.refreshDue()).toBe(1);
    expect(await vault.refreshDue()).toBe(0);
    expect((await audit()).tokenRequests).toEqual({
      'linode authorization_code ok': 1,
      'digitalocean authorization_code ok': 1,
      'linode refresh_token ok': 1,
    });
  });

  it('marks the account as needing re-link when the provider refuses the refresh', async () => {
    const id = await linkedAccount('digitalocean');
    const [grant] = (await audit()).grants;
    await client.revoke('digitalocean', grant?.accessToken ?? '');
    const vault = new TokenVault(database.db, accounts, client, later(31 * 24 * 3_600_000));
    await expect(vault.accessToken(id)).rejects.toBeInstanceOf(AccountNeedsRelinkError);
    const [row] = await database.db.select().from(linkedAccounts);
    expect(row).toMatchObject({
      status: 'needs_relink',
      accessTokenSealed: null,
      refreshTokenSealed: null,
      refreshLeaseUntil: null,
    });
    expect(row?.statusReason).toContain('Sign in again');
    await expect(vault.accessToken(id)).rejects.toBeInstanceOf(AccountNeedsRelinkError);
    expect((await audit()).tokenRequests['digitalocean refresh_token invalid_grant']).toBe(1);
  });

  it('queues a revocation the provider could not confirm, sealed, and retries it until it succeeds', async () => {
    await linkedAccount('linode');
    const [grant] = (await audit()).grants;
    const unreachable = new ProviderTokenClient({
      ...sandbox.providers,
      linode: { ...sandbox.providers.linode, oauthUrl: 'http://127.0.0.1:9' },
    });
    const failing = new RevocationService(database.db, cipher, unreachable);
    expect(await failing.revoke('linode', grant?.accessToken ?? '')).toBe(false);
    const [queued] = await database.db.select().from(pendingRevocations);
    expect(queued?.tokenSealed).not.toContain(grant?.accessToken);
    expect(queued?.lastError).toContain('unreachable');
    // Not yet due: nothing is retried early.
    expect(await new RevocationService(database.db, cipher, client).retryDue()).toBe(0);
    const due = new RevocationService(database.db, cipher, client, later(60_000));
    expect(await due.retryDue()).toBe(1);
    expect(await due.pendingCount()).toBe(0);
    expect((await audit()).grants.map((g) => g.status)).toEqual(['revoked']);
    expect(
      await database.db
        .select()
        .from(pendingRevocations)
        .where(eq(pendingRevocations.provider, 'linode')),
    ).toEqual([]);
  });
});
