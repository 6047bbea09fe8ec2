import { Injectable } from '@nestjs/common';
import {
  type HealthIndicatorFunction,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { type Database, InjectDatabase, pendingMigrations } from '@launchpad/api-database';
import { RedisConnections } from '@launchpad/api-redis';

/**
 * What an instance needs before it takes traffic, as @nestjs/terminus indicators: its database
 * answers, holds every migration this build knows, and, with REDIS_URL set, Redis answers.
 * Each resolves `up` or `down` (with the reason in words), never throws.
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @InjectDatabase() private readonly db: Database,
    private readonly redisConnections: RedisConnections,
  ) {}

  /** The checks of `/api/health/ready`: Redis's only when REDIS_URL is set. */
  checks(): HealthIndicatorFunction[] {
    return [
      () => this.database(),
      () => this.migrations(),
      ...(this.redisConnections.enabled ? [() => this.redis()] : []),
    ];
  }

  database(): Promise<HealthIndicatorResult> {
    return this.probe('database', async () => ({ latencyMs: await this.db.ping() }));
  }

  migrations(): Promise<HealthIndicatorResult> {
    return this.probe('migrations', async () => {
      const pending = await pendingMigrations(this.db);
      if (pending > 0) throw new Error(`${pending} migrations of this build are not applied`);
      return { pending };
    });
  }

  redis(): Promise<HealthIndicatorResult> {
    return this.probe('redis', async () => ({ latencyMs: await this.redisConnections.ping() }));
  }

  /** `key` up with what `measure` found, or down with the reason it threw. */
  private async probe<Key extends string>(
    key: Key,
    measure: () => Promise<Record<string, number>>,
  ): Promise<HealthIndicatorResult<Key>> {
    const check = this.indicator.check(key);
    try {
      return check.up(await measure());
    } catch (error) {
      return check.down({ reason: (error as Error).message });
    }
  }
}
