import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { type DeploymentsConfig, deploymentsConfig } from '@launchpad/api-config';
import { PROVIDER_LABELS } from '@launchpad/shared-api-types';
import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import {
  AccountNeedsRelinkError,
  AccountsService,
  RevocationService,
  TokenVault,
} from '@launchpad/api-accounts';
import { type Deployment, InjectDb, type LaunchpadDb, deployments } from '@launchpad/api-database';
import type { ProviderServer } from '@launchpad/api-providers';
import { ProviderClients } from '@launchpad/api-providers';
import { ProviderApiError } from '@launchpad/api-providers';
import { DeploymentsService, deploymentStatusOf, deploymentTag } from './deployments.service';

const ACTIVE = ['queued', 'provisioning', 'booting'] as const;
/** A poll holds its deployment this long; a crashed poller's lease runs out. */
const POLL_LEASE_MS = 30_000;
/** With no server id after this long (a crash or an unconfirmed create), look no more. */
const ORPHAN_AFTER_MS = 60_000;

/** 1 s, 2 s, 3 s, 5 s, then every 8 s: quick while a server boots, gentle after. */
export function pollDelayMs(attempts: number): number {
  return [1_000, 2_000, 3_000, 5_000][attempts] ?? 8_000;
}

/**
 * Drives deployments to a final state by polling the provider with backoff. Runs on every
 * instance; each poll claims its deployment with a lease (a conditional UPDATE), so instances
 * share the work, and a deployment whose creating request or poller died is taken over when its
 * lease runs out — after an API restart too.
 */
@Injectable()
export class DeploymentWorker {
  private readonly logger = new Logger('DeploymentWorker');
  private readonly deployOnly: boolean;

  /** `deployments.deployOnly` (DEPLOY_ONLY): revoke the provider token once a deployment ends. */
  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    private readonly service: DeploymentsService,
    private readonly vault: TokenVault,
    private readonly clients: ProviderClients,
    private readonly accounts: AccountsService,
    private readonly revocations: RevocationService,
    @Inject(deploymentsConfig.KEY) config: Pick<DeploymentsConfig, 'deployOnly'>,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {
    this.deployOnly = config.deployOnly;
  }

  /** Polls every due deployment once; returns how many it polled. */
  async pollDue(limit = 20): Promise<number> {
    const now = this.now();
    const due = await this.db
      .select()
      .from(deployments)
      .where(
        and(
          inArray(deployments.status, [...ACTIVE]),
          lte(deployments.nextPollAt, now),
          or(isNull(deployments.leaseUntil), lt(deployments.leaseUntil, now)),
        ),
      )
      .orderBy(asc(deployments.nextPollAt))
      .limit(limit);
    let polled = 0;
    await Promise.all(
      due.map(async (row) => {
        const claimed = await this.claim(row);
        if (!claimed) return;
        polled++;
        try {
          await this.advance(claimed);
        } catch (error) {
          this.logger.warn(`deployment ${row.id}: poll failed: ${(error as Error).message}`);
          await this.service.update(claimed, {
            leaseUntil: null,
            pollAttempts: claimed.pollAttempts + 1,
            nextPollAt: new Date(this.now().getTime() + pollDelayMs(claimed.pollAttempts + 1)),
          });
        }
      }),
    );
    return polled;
  }

  private async claim(row: Deployment): Promise<Deployment | undefined> {
    const now = this.now();
    const [claimed] = await this.db
      .update(deployments)
      .set({ leaseUntil: new Date(now.getTime() + POLL_LEASE_MS) })
      .where(
        and(
          eq(deployments.id, row.id),
          eq(deployments.version, row.version),
          or(isNull(deployments.leaseUntil), lt(deployments.leaseUntil, now)),
        ),
      )
      .returning();
    return claimed;
  }

  private async advance(row: Deployment): Promise<void> {
    const label = PROVIDER_LABELS[row.provider];
    const now = this.now();
    if (!row.accountId) {
      return this.finish(
        row,
        'failed',
        `The ${label} account was disconnected before the server was running.`,
      );
    }
    const accountId = row.accountId;
    const client = this.clients[row.provider];
    let server: ProviderServer | undefined;
    try {
      server = await this.vault.withAccessToken(accountId, async (token) =>
        row.serverId
          ? client.getServer(token, row.serverId)
          : (await client.listServers(token)).find((s) => s.tags.includes(deploymentTag(row.id))),
      );
    } catch (error) {
      if (error instanceof ProviderApiError && error.kind === 'not_found') {
        return this.finish(
          row,
          'failed',
          `The server was deleted at ${label} before it was running.`,
        );
      }
      if (error instanceof AccountNeedsRelinkError && now > row.deadlineAt) {
        return this.finish(row, 'failed', error.message);
      }
      throw error;
    }
    if (!server) {
      if (now.getTime() - row.createdAt.getTime() > ORPHAN_AFTER_MS) {
        return this.finish(
          row,
          'failed',
          `${label} has no server for this deployment: it was not created (Launchpad stopped or ${label} did not answer before the request went through). Nothing is billed; deploy again.`,
        );
      }
      return this.again(row, {});
    }
    const status = deploymentStatusOf(server);
    const found = { serverId: server.id, ipv4: server.ipv4, ipv6: server.ipv6 };
    if (status === 'running') {
      return this.finish(row, 'running', `Running at ${label}`, found);
    }
    if (now > row.deadlineAt) {
      return this.finish(
        row,
        'failed',
        `The server did not reach running within 15 minutes (${label} reports “${server.providerStatus}”).`,
        found,
      );
    }
    const message =
      status === 'booting' ? `${label} is booting the server` : `${label} is creating the server`;
    return this.again(row, { ...found, status, message });
  }

  /** Saves what changed (bumping the version only then) and schedules the next poll. */
  private async again(row: Deployment, change: Partial<Deployment>): Promise<void> {
    const attempts = row.pollAttempts + 1;
    const schedule = {
      leaseUntil: null,
      pollAttempts: attempts,
      nextPollAt: new Date(this.now().getTime() + pollDelayMs(attempts)),
    };
    const changed = (Object.keys(change) as (keyof Deployment)[]).some(
      (key) => change[key] !== row[key],
    );
    if (changed) {
      await this.service.update(row, { ...change, ...schedule });
    } else {
      await this.db.update(deployments).set(schedule).where(eq(deployments.id, row.id));
    }
  }

  private async finish(
    row: Deployment,
    status: 'running' | 'failed',
    message: string,
    change: Partial<Deployment> = {},
  ): Promise<void> {
    await this.service.update(row, { ...change, status, message, leaseUntil: null });
    this.logger.log(`deployment ${row.id} ${status}: ${message}`);
    if (this.deployOnly && row.accountId) {
      // Deploy-only mode: the token served its one purpose (as the Install-on-Linode guide does).
      const held = await this.accounts.releaseAccountTokens(
        row.accountId,
        'Deploy-only mode: Launchpad gave its access back after the deployment.',
      );
      if (held) await this.revocations.revokeHeld(held);
    }
  }
}
