import { Injectable, Logger, Optional } from '@nestjs/common';
import { PROVIDER_LABELS as LABEL, type RevocationReport } from '@launchpad/shared-api-types';
import { and, asc, count, eq, lte } from 'drizzle-orm';
import type { HeldTokens } from './accounts.service';
import type { ProviderName } from '@launchpad/api-config';
import { InjectDb, type LaunchpadDb, pendingRevocations } from '@launchpad/api-database';
import { ProviderTokenClient } from '@launchpad/api-providers';
import { TokenCipher } from './token-cipher';

const sealContext = (provider: ProviderName) => `pending_revocation:${provider}`;

/** Retry after 30 s, doubling up to 6 hours; revocations are never given up. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/**
 * Revokes provider tokens at logout, disconnect and failed scope checks. A revocation the
 * provider does not confirm is kept (sealed) in pending_revocations and retried with backoff by
 * whichever instance gets to it first; the person is told it is pending, and the log says so.
 */
@Injectable()
export class RevocationService {
  private readonly logger = new Logger('Revocations');

  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    private readonly cipher: TokenCipher,
    private readonly tokenClient: ProviderTokenClient,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {}

  /** Revokes the tokens of each held account: one report per account. */
  async revokeAll(held: readonly HeldTokens[]): Promise<RevocationReport[]> {
    return Promise.all(held.map((tokens) => this.revokeHeld(tokens)));
  }

  async revokeHeld(held: HeldTokens): Promise<RevocationReport> {
    // The access token first (what both providers document), then the refresh token, which on
    // a provider that keeps them apart would otherwise outlive the logout.
    const tokens = [held.accessToken, held.refreshToken].filter((t): t is string => t !== null);
    const outcomes = await Promise.all(tokens.map((token) => this.revoke(held.provider, token)));
    const pending = outcomes.some((ok) => !ok);
    return {
      provider: held.provider,
      status: pending ? 'pending' : 'revoked',
      message: pending
        ? `${LABEL[held.provider]} could not be reached to revoke Launchpad’s access; Launchpad keeps retrying.`
        : `Launchpad’s access to your ${LABEL[held.provider]} account was revoked.`,
    };
  }

  /** True when the provider confirmed; otherwise the token is queued for retries. */
  async revoke(provider: ProviderName, token: string): Promise<boolean> {
    try {
      await this.tokenClient.revoke(provider, token);
      return true;
    } catch (error) {
      const message = (error as Error).message;
      await this.db.insert(pendingRevocations).values({
        provider,
        tokenSealed: this.cipher.encrypt(token, sealContext(provider)),
        attempts: 1,
        lastError: message,
        nextAttemptAt: new Date(this.now().getTime() + retryDelayMs(1)),
      });
      this.logger.warn(`revocation at ${provider} failed, will retry: ${message}`);
      return false;
    }
  }

  /** Retries the due revocations; returns how many succeeded. */
  async retryDue(limit = 50): Promise<number> {
    const now = this.now();
    const due = await this.db
      .select()
      .from(pendingRevocations)
      .where(lte(pendingRevocations.nextAttemptAt, now))
      .orderBy(asc(pendingRevocations.nextAttemptAt))
      .limit(limit);
    let done = 0;
    for (const row of due) {
      // Claim the row by moving its next attempt, so another instance skips it.
      const attempts = row.attempts + 1;
      const claimed = await this.db
        .update(pendingRevocations)
        .set({ attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
        .where(
          and(eq(pendingRevocations.id, row.id), eq(pendingRevocations.attempts, row.attempts)),
        )
        .returning({ id: pendingRevocations.id });
      if (claimed.length === 0) continue;
      try {
        await this.tokenClient.revoke(
          row.provider,
          this.cipher.decrypt(row.tokenSealed, sealContext(row.provider)),
        );
        await this.db.delete(pendingRevocations).where(eq(pendingRevocations.id, row.id));
        this.logger.log(`a pending revocation at ${row.provider} succeeded (attempt ${attempts})`);
        done++;
      } catch (error) {
        const message = (error as Error).message;
        await this.db
          .update(pendingRevocations)
          .set({ lastError: message })
          .where(eq(pendingRevocations.id, row.id));
        this.logger.warn(
          `revocation at ${row.provider} failed again (attempt ${attempts}): ${message}`,
        );
      }
    }
    return done;
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(pendingRevocations);
    return row?.n ?? 0;
  }
}
