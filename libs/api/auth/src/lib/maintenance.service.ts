import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SessionStore } from '@launchpad/api-sessions';
import { RevocationService } from '@launchpad/api-accounts';
import { TokenVault } from '@launchpad/api-accounts';
import { OAuthStateStore } from './oauth-state.store';

/** How often each instance looks for due work; the work itself is claimed atomically. */
export const MAINTENANCE_INTERVAL_MS = 60_000;

/**
 * Background work of the sign-in feature, on every instance: refresh tokens ahead of expiry,
 * retry revocations the providers did not confirm, and sweep ended sessions and abandoned
 * sign-ins.
 */
@Injectable()
export class MaintenanceService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Maintenance');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly vault: TokenVault,
    private readonly revocations: RevocationService,
    private readonly sessions: SessionStore,
    private readonly states: OAuthStateStore,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.runOnce(), MAINTENANCE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round; a round still running is not started twice. */
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
