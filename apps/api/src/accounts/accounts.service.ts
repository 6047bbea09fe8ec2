import { and, eq } from 'drizzle-orm';
import type { ProviderName } from '../config/providers.config';
import type { LaunchpadDb } from '../database/database';
import { type LinkedAccount, linkedAccounts, users } from '../database/schema';
import type { ProviderTokens } from '../providers/provider-token-client';
import type { TokenCipher } from '../vault/token-cipher';

export interface ProviderProfile {
  provider: ProviderName;
  /** Linode profile uid / DigitalOcean account uuid: what identifies the person at the provider. */
  id: string;
  username: string | null;
  email: string | null;
}

/** What the SPA may see of a linked account: never a token. */
export interface LinkedAccountView {
  id: string;
  provider: ProviderName;
  username: string | null;
  email: string | null;
  scopes: string[];
  accessTokenExpiresAt: string | null;
  status: LinkedAccount['status'];
}

/** A provider identity that already belongs to another Launchpad user. */
export class AccountConflictError extends Error {
  override readonly name = 'AccountConflictError';
}

/** The associated data binding a sealed token to one provider identity and one column. */
const sealContext = (
  provider: ProviderName,
  providerUserId: string,
  column: 'access' | 'refresh',
) => `linked_account:${provider}:${providerUserId}:${column}`;

/**
 * Users and their linked provider accounts. The first sign-in creates a Launchpad user; signing
 * in with the other provider while signed in links it; tokens are stored sealed only.
 */
export class AccountsService {
  constructor(
    private readonly db: LaunchpadDb,
    private readonly cipher: TokenCipher,
  ) {}

  async signIn(
    profile: ProviderProfile,
    tokens: ProviderTokens,
    linkToUserId?: string,
  ): Promise<{ userId: string; accountId: string }> {
    const sealed = {
      scopes: tokens.scopes,
      accessTokenSealed: this.cipher.encrypt(
        tokens.accessToken,
        sealContext(profile.provider, profile.id, 'access'),
      ),
      refreshTokenSealed: tokens.refreshToken
        ? this.cipher.encrypt(
            tokens.refreshToken,
            sealContext(profile.provider, profile.id, 'refresh'),
          )
        : null,
      accessTokenExpiresAt: tokens.expiresAt,
      username: profile.username,
      email: profile.email,
      status: 'active' as const,
      updatedAt: new Date(),
    };
    return this.db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(linkedAccounts)
        .where(
          and(
            eq(linkedAccounts.provider, profile.provider),
            eq(linkedAccounts.providerUserId, profile.id),
          ),
        );
      if (existing) {
        if (linkToUserId && existing.userId !== linkToUserId) {
          throw new AccountConflictError(
            `This ${profile.provider} account is already linked to another Launchpad user.`,
          );
        }
        await tx.update(linkedAccounts).set(sealed).where(eq(linkedAccounts.id, existing.id));
        return { userId: existing.userId, accountId: existing.id };
      }
      let userId = linkToUserId;
      if (!userId) {
        const [user] = await tx
          .insert(users)
          .values({
            displayName: profile.username ?? profile.email ?? `${profile.provider} user`,
            email: profile.email,
          })
          .returning({ id: users.id });
        userId = user?.id;
      }
      if (!userId) throw new Error('user insert returned nothing');
      const [account] = await tx
        .insert(linkedAccounts)
        .values({ ...sealed, userId, provider: profile.provider, providerUserId: profile.id })
        .returning({ id: linkedAccounts.id });
      if (!account) throw new Error('account insert returned nothing');
      return { userId, accountId: account.id };
    });
  }

  async list(userId: string): Promise<LinkedAccountView[]> {
    const rows = await this.db
      .select()
      .from(linkedAccounts)
      .where(eq(linkedAccounts.userId, userId))
      .orderBy(linkedAccounts.createdAt);
    return rows.map((row) => ({
      id: row.id,
      provider: row.provider,
      username: row.username,
      email: row.email,
      scopes: row.scopes.split(' ').filter(Boolean),
      accessTokenExpiresAt: row.accessTokenExpiresAt?.toISOString() ?? null,
      status: row.status,
    }));
  }

  /** The plaintext tokens of one of the user's accounts, for calls to the provider. */
  async tokensOf(
    userId: string,
    accountId: string,
  ): Promise<
    { provider: ProviderName; accessToken: string | null; refreshToken: string | null } | undefined
  > {
    const [row] = await this.db
      .select()
      .from(linkedAccounts)
      .where(and(eq(linkedAccounts.id, accountId), eq(linkedAccounts.userId, userId)));
    if (!row) return undefined;
    const open = (value: string | null, column: 'access' | 'refresh') =>
      value === null
        ? null
        : this.cipher.decrypt(value, sealContext(row.provider, row.providerUserId, column));
    return {
      provider: row.provider,
      accessToken: open(row.accessTokenSealed, 'access'),
      refreshToken: open(row.refreshTokenSealed, 'refresh'),
    };
  }
}
