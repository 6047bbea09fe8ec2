import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SessionStore } from '@launchpad/api-sessions';
import { RevocationService, TokenVault } from '@launchpad/api-accounts';
import { OAuthStateStore } from './oauth-state.store';

/** How often each instance looks for due work; the work itself is claimed atomically. */
export const MAINTENANCE_INTERVAL_MS = 60_000;

/**
 * Background work of the sign-in feature, on every instance: refresh tokens ahead of expiry,
 * retry revocations the providers did not confirm, and sweep ended sessions and abandoned
 * sign-ins.
 */
@Injectable()
export class MaintenanceService implements OnApplicationShutdown {
  private readonly logger = new Logger('Maintenance');
  private running: Promise<void> | undefined;

  constructor(
    private readonly vault: TokenVault,
    private readonly revocations: RevocationService,
    private readonly sessions: SessionStore,
    private readonly states: OAuthStateStore,
  ) {}

  /** @nestjs/schedule stops the interval at shutdown; a round under way is let finish. */
  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  /** One round; a round still running is not started twice. */
  @Interval('sign-in-maintenance', MAINTENANCE_INTERVAL_MS)
  runOnce(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    const steps: [string, () => Promise<unknown>][] = [
      ['token refresh', () => this.vault.refreshDue()],
      ['revocation retries', () => this.revocations.retryDue()],
      ['session sweep', () => this.sessions.sweep()],
      ['sign-in state sweep', () => this.states.sweep()],
    ];
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (error) {
        this.logger.warn(`${what} failed: ${(error as Error).message}`);
      }
    }
  }
}
