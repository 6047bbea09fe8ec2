import { Injectable } from '@nestjs/common';
import {
  type HealthIndicatorFunction,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { type Database, InjectDatabase, pendingMigrations } from '@launchpad/api-database';
import { RateLimitStorage } from '@launchpad/api-rate-limits';

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
    private readonly rateLimits: RateLimitStorage,
  ) {}

  /** The checks of `/api/health/ready`: Redis's only when REDIS_URL is set. */
  checks(): HealthIndicatorFunction[] {
    return [
      () => this.database(),
      () => this.migrations(),
      ...(this.rateLimits.usesRedis ? [() => this.redis()] : []),
    ];
  }

  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('database');
    try {
      return check.up({ latencyMs: await this.db.ping() });
    } catch (error) {
      return check.down({ reason: (error as Error).message });
    }
  }

  async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('migrations');
    try {
      const pending = await pendingMigrations(this.db);
      return pending === 0
        ? check.up({ pending })
        : check.down({ pending, reason: `${pending} migrations of this build are not applied` });
    } catch (error) {
      return check.down({ reason: (error as Error).message });
    }
  }

  async redis(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('redis');
    try {
      return check.up({ latencyMs: await this.rateLimits.pingRedis() });
    } catch (error) {
      return check.down({ reason: (error as Error).message });
    }
  }
}
