import { eq } from 'drizzle-orm';
import {
  type Database,
  oauthTokens,
  openDatabase,
  runMigrations,
  users,
} from '@launchpad/api-database';
import { OAuthError } from '@launchpad/api-http';
import { createTestDatabase, type TestDatabase } from '@launchpad/api-testing';
import { OAuthTokensService, type TokenResponse, hashToken } from './oauth-tokens.service';

const CLIENT = 'launchpad-cli';

describe(`OAuthTokensService (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let testDb: TestDatabase;
  let database: Database;
  let tokens: OAuthTokensService;
  let now: Date;
  let granted: TokenResponse;

  /** The refresh token's row: what a refused request must leave as it was. */
  const refreshRow = async (token = granted.refresh_token) =>
    (
      await database.db
        .select()
        .from(oauthTokens)
        .where(eq(oauthTokens.tokenHash, hashToken(token)))
    )[0];

  const refused = async (attempt: Promise<unknown>, error: string) => {
    const thrown = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(OAuthError);
    expect((thrown as OAuthError).error).toBe(error);
  };

  beforeEach(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.config);
    await runMigrations(database);
    now = new Date('2026-12-02T10:00:00Z');
    tokens = new OAuthTokensService(database.db, () => now);
    const [user] = await database.db.insert(users).values({ displayName: 'Ada' }).returning();
    granted = await tokens.issue({
      userId: user?.id ?? '',
      clientId: CLIENT,
      scopes: 'servers:read',
    });
  });

  afterEach(async () => {
    await database.close();
    await testDb.dispose();
  });

  it('rotates a refresh token once; presenting it again revokes the whole grant', async () => {
    const next = await tokens.refresh(CLIENT, granted.refresh_token, undefined);
    expect(next.scope).toBe('servers:read');
    await refused(tokens.refresh(CLIENT, granted.refresh_token, undefined), 'invalid_grant');
    expect(await tokens.active(next.access_token)).toBeUndefined();
    expect(await tokens.active(next.refresh_token)).toBeUndefined();
  });

  describe('a refused refresh changes nothing (RFC 6749 §5.2, §6)', () => {
    it('a wider scope: invalid_scope, and the same token still refreshes', async () => {
      const before = await refreshRow();
      await refused(
        tokens.refresh(CLIENT, granted.refresh_token, 'servers:read servers:manage'),
        'invalid_scope',
      );
      expect(await refreshRow()).toEqual(before);
      const next = await tokens.refresh(CLIENT, granted.refresh_token, undefined);
      expect(next.scope).toBe('servers:read');
    });

    it("another client's request: invalid_grant, and the token still refreshes", async () => {
      const before = await refreshRow();
      await refused(
        tokens.refresh('other-client', granted.refresh_token, undefined),
        'invalid_grant',
      );
      expect(await refreshRow()).toEqual(before);
      await tokens.refresh(CLIENT, granted.refresh_token, undefined);
    });

    it('an access token presented as a refresh token: invalid_grant, nothing revoked', async () => {
      await refused(tokens.refresh(CLIENT, granted.access_token, undefined), 'invalid_grant');
      expect(await tokens.active(granted.access_token)).toBeDefined();
      await tokens.refresh(CLIENT, granted.refresh_token, undefined);
    });

    it('an expired token: invalid_grant, and the row is not spent', async () => {
      now = new Date(now.getTime() + 31 * 24 * 3600 * 1000);
      const before = await refreshRow();
      await refused(tokens.refresh(CLIENT, granted.refresh_token, undefined), 'invalid_grant');
      expect(await refreshRow()).toEqual(before);
    });
  });
});
