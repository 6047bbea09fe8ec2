import { Injectable, Logger, Optional } from '@nestjs/common';
import { and, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { AccountsService } from './accounts.service';
import type { ProviderName } from '@launchpad/api-config';
import {
  InjectDb,
  type LaunchpadDb,
  type LinkedAccount,
  linkedAccounts,
} from '@launchpad/api-database';
import { ProviderApiError } from '@launchpad/api-providers';
import { ProviderTokenClient, ProviderTokenError } from '@launchpad/api-providers';

/** The account holds no usable token: the person must sign in with the provider again. */
export class AccountNeedsRelinkError extends Error {
  override readonly name = 'AccountNeedsRelinkError';

  constructor(
    readonly accountId: string,
    readonly provider: ProviderName,
    reason: string,
  ) {
    super(reason);
  }
}

/** The provider's OAuth server could not be reached to refresh an expired token. */
export class TokenRefreshUnavailableError extends Error {
  override readonly name = 'TokenRefreshUnavailableError';
}

/** A provider answered 401 to a token: the caller of withAccessToken throws this to get one retry. */
export class ProviderUnauthorizedError extends Error {
  override readonly name = 'ProviderUnauthorizedError';
}

/**
 * Refresh this long before expiry. Linode tokens live 2 hours, DigitalOcean's 30 days (reference
 * linode.md §1.4, digitalocean.md §1.4): refresh in the last eighth of their life or so.
 */
export const REFRESH_AHEAD_MS: Record<ProviderName, number> = {
  linode: 15 * 60_000,
  digitalocean: 3 * 24 * 3_600_000,
};

/** A refresh holds its lease at most this long; a crashed holder's lease simply runs out. */
const LEASE_MS = 30_000;
const WAIT_STEP_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Hands out provider access tokens, refreshing them ahead of expiry. Refresh tokens are single
 * use, so one refresh at a time per account even across API instances: whoever takes the lease
 * (a conditional UPDATE, atomic on PGlite and PostgreSQL alike) refreshes, and the others wait
 * for the new token to appear in the row. A refused refresh (invalid_grant) marks the account as
 * needing re-link; the Accounts page says so.
 */
@Injectable()
export class TokenVault {
  private readonly logger = new Logger('TokenVault');

  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    private readonly accounts: AccountsService,
    private readonly tokenClient: ProviderTokenClient,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {}

  /** A usable access token of the account, refreshed first when it is about to expire. */
  async accessToken(accountId: string): Promise<string> {
    return this.obtain(accountId, undefined, undefined);
  }

  /**
   * Runs `call` with the account's access token. When the provider answers 401 (the token died
   * early: the provider's clock, a revocation), refreshes once and retries.
   */
  async withAccessToken<T>(
    accountId: string,
    call: (token: string) => Promise<T>,
    /** The account's row, when the caller has just read it: saves reading it again. */
    preloaded?: LinkedAccount,
  ): Promise<T> {
    const token = await this.obtain(accountId, undefined, preloaded);
    try {
      return await call(token);
    } catch (error) {
      const rejected =
        error instanceof ProviderUnauthorizedError ||
        (error instanceof ProviderApiError && error.kind === 'unauthorized');
      if (!rejected) throw error;
      return call(await this.obtain(accountId, token, undefined));
    }
  }

  /** Refreshes every account whose token expires soon; the scheduler calls this periodically. */
  async refreshDue(): Promise<number> {
    const now = this.now().getTime();
    const dueBy = (provider: ProviderName) =>
      and(
        eq(linkedAccounts.provider, provider),
        lte(linkedAccounts.accessTokenExpiresAt, new Date(now + REFRESH_AHEAD_MS[provider])),
      );
    // Only the accounts inside their refresh window, read once each.
    const rows = await this.db
      .select()
      .from(linkedAccounts)
      .where(and(eq(linkedAccounts.status, 'active'), or(dueBy('linode'), dueBy('digitalocean'))));
    let refreshed = 0;
    for (const row of rows) {
      try {
        const token = await this.obtain(row.id, undefined, row);
        if (token !== this.open(row, 'access')) refreshed++;
      } catch (error) {
        // Already recorded on the account (needs_relink) or to be tried at the next round.
        this.logger.warn(
          `refresh of a ${row.provider} account failed: ${(error as Error).message}`,
        );
      }
    }
    return refreshed;
  }

  /**
   * The current token, refreshed when due, or when `rejected` (a token the provider refused)
   * is still the current one.
   */
  private async obtain(
    accountId: string,
    rejected: string | undefined,
    preloaded: LinkedAccount | undefined,
  ): Promise<string> {
    let fresh = preloaded;
    const deadline = Date.now() + LEASE_MS + 5_000;
    for (;;) {
      const row = fresh ?? (await this.row(accountId));
      fresh = undefined;
      if (!row) throw new AccountNeedsRelinkError(accountId, 'linode', 'The account is gone.');
      const access = this.open(row, 'access');
      if (row.status !== 'active' || access === null) {
        throw new AccountNeedsRelinkError(
          accountId,
          row.provider,
          row.statusReason ?? 'Sign in with this provider again.',
        );
      }
      const due =
        rejected === access ||
        (row.accessTokenExpiresAt?.getTime() ?? 0) - this.now().getTime() <=
          REFRESH_AHEAD_MS[row.provider];
      if (!due) return access;
      if (await this.takeLease(row)) return this.refreshHolding(row);
      // Another request or instance is refreshing: wait for its result.
      if (Date.now() > deadline) {
        throw new TokenRefreshUnavailableError(
          `the ${row.provider} token is being refreshed elsewhere and the refresh did not finish`,
        );
      }
      await sleep(WAIT_STEP_MS);
    }
  }

  /** Takes the refresh lease when nobody holds it and the row still holds the token we read. */
  private async takeLease(row: LinkedAccount): Promise<boolean> {
    const now = this.now();
    const taken = await this.db
      .update(linkedAccounts)
      .set({ refreshLeaseUntil: new Date(now.getTime() + LEASE_MS) })
      .where(
        and(
          eq(linkedAccounts.id, row.id),
          row.accessTokenSealed === null
            ? isNull(linkedAccounts.accessTokenSealed)
            : eq(linkedAccounts.accessTokenSealed, row.accessTokenSealed),
          or(isNull(linkedAccounts.refreshLeaseUntil), lt(linkedAccounts.refreshLeaseUntil, now)),
        ),
      )
      .returning({ id: linkedAccounts.id });
    return taken.length === 1;
  }

  private async refreshHolding(row: LinkedAccount): Promise<string> {
    const refreshToken = this.open(row, 'refresh');
    if (refreshToken === null) {
      return this.needsRelink(row, 'The token expired and the provider gave no refresh token.');
    }
    try {
      const tokens = await this.tokenClient.refresh(row.provider, refreshToken);
      await this.db
        .update(linkedAccounts)
        .set({
          ...this.accounts.seal(row.provider, row.providerUserId, tokens),
          // A refresh answer without scopes keeps those granted at sign-in.
          scopes: tokens.scopes || row.scopes,
          refreshLeaseUntil: null,
          updatedAt: this.now(),
        })
        .where(eq(linkedAccounts.id, row.id));
      return tokens.accessToken;
    } catch (error) {
      if (error instanceof ProviderTokenError && error.needsRelink) {
        return this.needsRelink(
          row,
          'The provider no longer accepts Launchpad’s access (it was revoked or expired). Sign in again.',
        );
      }
      await this.db
        .update(linkedAccounts)
        .set({ refreshLeaseUntil: null })
        .where(eq(linkedAccounts.id, row.id));
      throw new TokenRefreshUnavailableError(
        `could not refresh the ${row.provider} token: ${(error as Error).message}`,
      );
    }
  }

  private async needsRelink(row: LinkedAccount, reason: string): Promise<never> {
    await this.db
      .update(linkedAccounts)
      .set({
        status: 'needs_relink',
        statusReason: reason,
        accessTokenSealed: null,
        refreshTokenSealed: null,
        accessTokenExpiresAt: null,
        refreshLeaseUntil: null,
        updatedAt: this.now(),
      })
      .where(eq(linkedAccounts.id, row.id));
    this.logger.warn(`a ${row.provider} account needs re-linking: ${reason}`);
    throw new AccountNeedsRelinkError(row.id, row.provider, reason);
  }

  private async row(accountId: string): Promise<LinkedAccount | undefined> {
    const [row] = await this.db
      .select()
      .from(linkedAccounts)
      .where(eq(linkedAccounts.id, accountId));
    return row;
  }

  private open(row: LinkedAccount, column: 'access' | 'refresh'): string | null {
    const held = this.accounts.open(row);
    return column === 'access' ? held.accessToken : held.refreshToken;
  }
}
