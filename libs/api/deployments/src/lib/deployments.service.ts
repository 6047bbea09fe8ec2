import {
  ConflictException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import {
  type DeploymentCreated,
  type DeploymentRequest,
  type DeploymentStatus,
  type DeploymentView,
  type LinkedAccountView,
  PROVIDER_LABELS,
  type ProviderName,
} from '@launchpad/shared-api-types';
import { and, desc, eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { AccountsService, TokenVault } from '@launchpad/api-accounts';
import {
  type ApplicationDefinition,
  accessPoints,
  renderCloudConfig,
} from '@launchpad/api-applications';
import { UnknownApplicationError } from '@launchpad/api-applications';
import { CatalogService } from '@launchpad/api-catalog';
import { EventBus } from '@launchpad/api-events';
import { type Deployment, InjectDb, type LaunchpadDb, deployments } from '@launchpad/api-database';
import type { ProviderServer } from '@launchpad/api-providers';
import { ProviderClients } from '@launchpad/api-providers';
import { ProviderApiError } from '@launchpad/api-providers';
import { insufficientScopeError, missingActionScopes } from '@launchpad/api-servers';
import { fieldValues, validateDeployment } from './deployment-input';
import { generateRootPassword } from './root-password';

/**
 * How long the creating request holds a deployment before the workers may take it over: the
 * provider call's own timeout (20 s) and a margin. A process killed mid-call is replaced then.
 */
export const CREATE_LEASE_MS = 30_000;
/** A deployment not running by then has failed. */
export const DEPLOYMENT_DEADLINE_MS = 15 * 60_000;

export const deploymentTag = (id: string) => `launchpad:${id}`;

function isUniqueViolation(error: unknown): boolean {
  const code = (e: unknown) => (e as { code?: unknown } | undefined)?.code;
  return code(error) === '23505' || code((error as { cause?: unknown })?.cause) === '23505';
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Launchpad's status for a server the provider reports. */
export function deploymentStatusOf(server: ProviderServer): DeploymentStatus {
  return server.status === 'running'
    ? 'running'
    : server.status === 'booting'
      ? 'booting'
      : 'provisioning';
}

/** The event bus topic of one deployment's changes: its DeploymentView after each change. */
export const deploymentTopic = (id: string) => `deployment:${id}`;

/**
 * Deployments: validated like the provider validates, idempotent per Idempotency-Key, written
 * before the provider is called, and handed to the workers (DeploymentWorker) to drive to a
 * final state. The root password is generated here, returned once, and never stored.
 */
@Injectable()
export class DeploymentsService {
  private readonly logger = new Logger('Deployments');

  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    private readonly accounts: AccountsService,
    private readonly vault: TokenVault,
    private readonly clients: ProviderClients,
    private readonly catalog: CatalogService,
    private readonly events: EventBus,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {}

  async create(
    userId: string,
    idempotencyKey: string,
    input: DeploymentRequest,
  ): Promise<DeploymentCreated> {
    const requestHash = createHash('sha256').update(stableJson(input)).digest('hex');
    const replay = await this.replay(userId, idempotencyKey, requestHash);
    if (replay) return replay;

    const account = await this.account(userId, input.provider);
    let app: ApplicationDefinition;
    try {
      app = this.catalog.application(input.application, input.provider);
    } catch (error) {
      if (error instanceof UnknownApplicationError) {
        throw this.invalid([{ field: 'application', message: error.message }]);
      }
      throw error;
    }
    const missing = missingActionScopes(account, 'create', app.requiredScopes?.[input.provider]);
    if (missing.length > 0) throw insufficientScopeError(input.provider, missing);
    const token =
      input.provider === 'digitalocean' ? await this.vault.accessToken(account.id) : undefined;
    const catalog = await this.catalog.view(input.provider, input.application, token);
    const errors = validateDeployment(input, catalog);
    if (errors.length > 0) throw this.invalid(errors);

    const now = this.now();
    let row: Deployment | undefined;
    try {
      [row] = await this.db
        .insert(deployments)
        .values({
          userId,
          accountId: account.id,
          provider: input.provider,
          application: input.application,
          label: input.label,
          plan: input.plan,
          region: input.region,
          image: input.image,
          status: 'queued',
          message: `Asking ${PROVIDER_LABELS[input.provider]} to create the server`,
          monthlyPrice: catalog.plans.find((p) => p.id === input.plan)?.priceMonthly ?? null,
          idempotencyKey,
          requestHash,
          leaseUntil: new Date(now.getTime() + CREATE_LEASE_MS),
          deadlineAt: new Date(now.getTime() + DEPLOYMENT_DEADLINE_MS),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
    } catch (error) {
      // A concurrent request with the same key got there first: answer as it will.
      if (isUniqueViolation(error)) {
        const again = await this.replay(userId, idempotencyKey, requestHash);
        if (again) return again;
      }
      throw error;
    }
    if (!row) throw new Error('deployment insert returned nothing');

    const rootPassword = generateRootPassword();
    const values = fieldValues(input, catalog);
    const tag = deploymentTag(row.id);
    try {
      const server = await this.vault.withAccessToken(account.id, (t) =>
        this.clients[input.provider].createServer(t, {
          label: input.label,
          plan: input.plan,
          region: input.region,
          image: input.image,
          rootPassword,
          tag,
          stackscript:
            input.provider === 'linode' && app.linode?.stackscriptId
              ? { id: app.linode.stackscriptId, data: values }
              : undefined,
          userData:
            input.provider === 'digitalocean'
              ? renderCloudConfig(app.digitalocean?.cloudConfig ?? null, values, rootPassword)
              : undefined,
        }),
      );
      row = await this.update(row, {
        serverId: server.id,
        status: deploymentStatusOf(server),
        ipv4: server.ipv4,
        ipv6: server.ipv6,
        message: `${PROVIDER_LABELS[input.provider]} is creating the server`,
        leaseUntil: null,
        nextPollAt: new Date(this.now().getTime() + 1_000),
      });
    } catch (error) {
      if (error instanceof ProviderApiError && error.kind === 'unavailable') {
        // The create may or may not have happened: the workers look for the server by its tag.
        row = await this.update(row, {
          status: 'provisioning',
          message: `${PROVIDER_LABELS[input.provider]} did not confirm the request; checking whether the server was created`,
          leaseUntil: null,
          nextPollAt: new Date(this.now().getTime() + 2_000),
        });
        this.logger.warn(`deployment ${row.id}: create unconfirmed: ${error.message}`);
        return { deployment: this.view(row), rootPassword, replayed: false };
      }
      // Refused (invalid input, scope, rate limit, token): nothing was created.
      await this.update(row, {
        status: 'failed',
        message: error instanceof Error ? error.message : 'The provider refused the request.',
        leaseUntil: null,
      });
      throw error;
    }
    return { deployment: this.view(row), rootPassword, replayed: false };
  }

  async get(userId: string, id: string): Promise<DeploymentView> {
    return this.view(await this.row(userId, id));
  }

  async row(userId: string, id: string): Promise<Deployment> {
    const [row] = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.db
          .select()
          .from(deployments)
          .where(and(eq(deployments.id, id), eq(deployments.userId, userId)))
      : [];
    if (!row) throw new NotFoundException({ error: 'not_found', message: 'No such deployment.' });
    return row;
  }

  async list(userId: string): Promise<DeploymentView[]> {
    const rows = await this.db
      .select()
      .from(deployments)
      .where(eq(deployments.userId, userId))
      .orderBy(desc(deployments.createdAt))
      .limit(50);
    return rows.map((r) => this.view(r));
  }

  view(row: Deployment): DeploymentView {
    return {
      id: row.id,
      provider: row.provider,
      accountId: row.accountId ?? '',
      application: row.application,
      label: row.label,
      plan: row.plan,
      region: row.region,
      image: row.image,
      status: row.status,
      message: row.message,
      serverId: row.serverId,
      ipv4: row.ipv4,
      ipv6: row.ipv6,
      sshCommand: row.ipv4 ? `ssh root@${row.ipv4}` : null,
      monthlyPrice: row.monthlyPrice,
      access: row.status === 'running' ? accessPoints(this.definition(row), row.ipv4) : [],
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  }

  /** The row's application, unless APPLICATIONS_FILE no longer has it (then: undefined). */
  private definition(row: Deployment): ApplicationDefinition | undefined {
    try {
      return this.catalog.application(row.application, row.provider);
    } catch {
      return undefined;
    }
  }

  /**
   * Applies a change, bumps the version (the event stream's id) and publishes the new view on
   * the event bus (`deploymentTopic(id)`), which reaches the deployment's event streams on every
   * instance.
   */
  async update(row: Deployment, change: Partial<Deployment>): Promise<Deployment> {
    const [updated] = await this.db
      .update(deployments)
      .set({ ...change, version: sql`${deployments.version} + 1`, updatedAt: this.now() })
      .where(eq(deployments.id, row.id))
      .returning();
    if (!updated) return row;
    await this.events.publish(deploymentTopic(updated.id), this.view(updated));
    return updated;
  }

  private async replay(
    userId: string,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<DeploymentCreated | undefined> {
    const [existing] = await this.db
      .select()
      .from(deployments)
      .where(and(eq(deployments.userId, userId), eq(deployments.idempotencyKey, idempotencyKey)));
    if (!existing) return undefined;
    if (existing.requestHash !== requestHash) {
      throw new HttpException(
        {
          error: 'idempotency_key_reused',
          message:
            'This Idempotency-Key was already used for a different deployment; use a new key for a new request.',
        },
        422,
      );
    }
    return { deployment: this.view(existing), rootPassword: null, replayed: true };
  }

  private async account(userId: string, provider: ProviderName): Promise<LinkedAccountView> {
    const linked = (await this.accounts.list(userId)).filter((a) => a.provider === provider);
    const active = linked.find((a) => a.status === 'active');
    if (active) return active;
    const label = PROVIDER_LABELS[provider];
    throw new ConflictException({
      error: linked.length > 0 ? 'account_needs_relink' : 'no_linked_account',
      message:
        linked.length > 0
          ? `Launchpad can no longer use your ${label} account; sign in with ${label} again.`
          : `Link a ${label} account first (Accounts page).`,
    });
  }

  private invalid(fields: { field: string; message: string }[]): HttpException {
    return new HttpException(
      {
        error: 'validation_failed',
        message: `The deployment has ${fields.length === 1 ? 'a problem' : `${fields.length} problems`}: ${fields.map((f) => f.message).join(' ')}`,
        fields,
      },
      422,
    );
  }
}
