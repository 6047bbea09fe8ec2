import { Injectable } from '@nestjs/common';
import type { LinkedAccountView } from '@launchpad/shared-api-types';
import { type SQL, and, eq } from 'drizzle-orm';
import type { ProviderName } from '@launchpad/api-config';
import {
  InjectDb,
  type LaunchpadDb,
  type LinkedAccount,
  linkedAccounts,
  users,
} from '@launchpad/api-database';
import type { ProviderProfile, ProviderTokens } from '@launchpad/api-providers';
import { TokenCipher } from './token-cipher';

/** Tokens taken out of the vault, in plaintext, for one call or for revocation. */
export interface HeldTokens {
  accountId: string;
  provider: ProviderName;
  accessToken: string | null;
  refreshToken: string | null;
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
@Injectable()
export class AccountsService {
  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    private readonly cipher: TokenCipher,
  ) {}

  async signIn(
    profile: ProviderProfile,
    tokens: ProviderTokens,
    linkToUserId?: string,
  ): Promise<{ userId: string; accountId: string; replaced?: HeldTokens }> {
    const sealed = {
      ...this.seal(profile.provider, profile.id, tokens),
      username: profile.username,
      email: profile.email,
      status: 'active' as const,
      statusReason: null,
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
        // The grant these tokens replace is still alive at the provider: the caller revokes it.
        const replaced = existing.accessTokenSealed ? this.open(existing) : undefined;
        return { userId: existing.userId, accountId: existing.id, replaced };
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
    return (await this.rows(userId)).map((row) => this.view(row));
  }

  /** The user's linked accounts as stored (sealed tokens included), oldest first. */
  rows(userId: string): Promise<LinkedAccount[]> {
    return this.db
      .select()
      .from(linkedAccounts)
      .where(eq(linkedAccounts.userId, userId))
      .orderBy(linkedAccounts.createdAt);
  }

  /** The account as the API shows it: no scopes while Launchpad holds no token for it. */
  view(row: LinkedAccount): LinkedAccountView {
    return {
      id: row.id,
      provider: row.provider,
      username: row.username,
      email: row.email,
      scopes: row.status === 'active' ? row.scopes.split(' ').filter(Boolean) : [],
      accessTokenExpiresAt: row.accessTokenExpiresAt?.toISOString() ?? null,
      status: row.status,
      statusReason: row.statusReason,
    };
  }

  /** The plaintext tokens of one of the user's accounts, for calls to the provider. */
  async tokensOf(userId: string, accountId: string): Promise<HeldTokens | undefined> {
    const [row] = await this.db
      .select()
      .from(linkedAccounts)
      .where(and(eq(linkedAccounts.id, accountId), eq(linkedAccounts.userId, userId)));
    return row ? this.open(row) : undefined;
  }

  async user(
    userId: string,
  ): Promise<{ id: string; displayName: string; email: string | null } | undefined> {
    const [row] = await this.db
      .select({ id: users.id, displayName: users.displayName, email: users.email })
      .from(users)
      .where(eq(users.id, userId));
    return row;
  }

  /**
   * Removes one linked account and hands back its tokens, for the caller to revoke. The last
   * account of a user is not removed: that is logging out.
   */
  async disconnect(userId: string, accountId: string): Promise<HeldTokens | 'not_found' | 'last'> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.select().from(linkedAccounts).where(eq(linkedAccounts.userId, userId));
      const row = rows.find((r) => r.id === accountId);
      if (!row) return 'not_found';
      if (rows.length === 1) return 'last';
      await tx.delete(linkedAccounts).where(eq(linkedAccounts.id, accountId));
      return this.open(row);
    });
  }

  /**
   * At logout: takes every token of the user out of the vault (for the caller to revoke) and
   * marks the accounts as needing a new sign-in. The links themselves stay.
   */
  async releaseTokens(userId: string): Promise<HeldTokens[]> {
    return this.release(
      eq(linkedAccounts.userId, userId),
      'Launchpad gave back its access to this account when you logged out. Sign in with it again to use it here.',
    );
  }

  /** The same for one account (deploy-only mode, after its deployment). */
  async releaseAccountTokens(accountId: string, reason: string): Promise<HeldTokens | undefined> {
    const [held] = await this.release(eq(linkedAccounts.id, accountId), reason);
    return held;
  }

  private async release(where: SQL, reason: string): Promise<HeldTokens[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.select().from(linkedAccounts).where(where);
      const held = rows.filter((r) => r.accessTokenSealed !== null).map((r) => this.open(r));
      await tx
        .update(linkedAccounts)
        .set({
          accessTokenSealed: null,
          refreshTokenSealed: null,
          accessTokenExpiresAt: null,
          status: 'needs_relink',
          statusReason: reason,
          updatedAt: new Date(),
        })
        .where(where);
      return held;
    });
  }

  /** The columns that hold a token response, sealed for this provider identity. */
  seal(provider: ProviderName, providerUserId: string, tokens: ProviderTokens) {
    return {
      scopes: tokens.scopes,
      accessTokenSealed: this.cipher.encrypt(
        tokens.accessToken,
        sealContext(provider, providerUserId, 'access'),
      ),
      refreshTokenSealed: tokens.refreshToken
        ? this.cipher.encrypt(tokens.refreshToken, sealContext(provider, providerUserId, 'refresh'))
        : null,
      accessTokenExpiresAt: tokens.expiresAt,
    };
  }

  /** Plaintext tokens of a row (which must belong to the caller's user). */
  open(row: LinkedAccount): HeldTokens {
    const open = (value: string | null, column: 'access' | 'refresh') =>
      value === null
        ? null
        : this.cipher.decrypt(value, sealContext(row.provider, row.providerUserId, column));
    return {
      accountId: row.id,
      provider: row.provider,
      accessToken: open(row.accessTokenSealed, 'access'),
      refreshToken: open(row.refreshTokenSealed, 'refresh'),
    };
  }
}
