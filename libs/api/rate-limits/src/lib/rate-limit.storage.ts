import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Redis } from 'ioredis';
import { rateLimitsConfig } from '@launchpad/api-config';
import { DatabaseThrottlerStorage } from './database-throttler.storage';

/** At most one warning per minute while Redis is unreachable. */
const WARN_EVERY_MS = 60_000;

/**
 * Where the throttler counts, for every instance at once: Redis when `REDIS_URL` is set (the
 * `@nest-lab/throttler-storage-redis` storage, one Lua script per hit), the database otherwise.
 * A hit that Redis cannot take (down, or not answering) is counted in the database instead,
 * with a warning: a Redis outage neither stops the API nor lifts its limits. Redis commands
 * fail at once rather than queueing while it is unreachable.
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimits');
  private readonly redis?: Redis;
  private readonly redisStorage?: ThrottlerStorageRedisService;
  private lastWarning = 0;

  constructor(
    @Inject(rateLimitsConfig.KEY) config: ConfigType<typeof rateLimitsConfig>,
    private readonly database: DatabaseThrottlerStorage,
  ) {
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
      });
      // ioredis reports connection errors as events; each failed hit is reported below.
      this.redis.on('error', () => undefined);
      this.redisStorage = new ThrottlerStorageRedisService(this.redis);
    }
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    if (this.redisStorage) {
      try {
        return await this.redisStorage.increment(key, ttl, limit, blockDuration, throttlerName);
      } catch (error) {
        this.warn(error);
      }
    }
    return this.database.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  /** Whether REDIS_URL is set: counters go to Redis first. */
  get usesRedis(): boolean {
    return this.redis !== undefined;
  }

  /**
   * The Redis round trip in milliseconds. Throws when no REDIS_URL is set, or when Redis does not
   * answer within 1 second.
   */
  async pingRedis(): Promise<number> {
    if (!this.redis) throw new Error('REDIS_URL is not set');
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer within 1000 ms')), 1_000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return performance.now() - started;
  }

  onModuleDestroy(): void {
    this.redis?.disconnect(false);
  }

  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn(
      `Redis did not take a rate-limit hit (${(error as Error).message}); counting in the database`,
    );
  }
}
