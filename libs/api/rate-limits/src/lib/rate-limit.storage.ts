import { Injectable, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { RedisConnections } from '@launchpad/api-redis';
import { DatabaseThrottlerStorage } from './database-throttler.storage';

/** At most one warning per minute while Redis is unreachable. */
const WARN_EVERY_MS = 60_000;

/**
 * Where the throttler counts, for every instance at once: Redis when `REDIS_URL` is set (the
 * `@nest-lab/throttler-storage-redis` storage, one Lua script per hit), the database otherwise.
 * A hit that Redis cannot take (down, or not answering) is counted in the database instead,
 * with a warning: a Redis outage neither stops the API nor lifts its limits. Redis commands
 * fail at once rather than queueing while it is unreachable (RedisConnections).
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimits');
  private readonly redisStorage?: ThrottlerStorageRedisService;
  private lastWarning = 0;

  constructor(
    redis: RedisConnections,
    private readonly database: DatabaseThrottlerStorage,
  ) {
    if (redis.client) this.redisStorage = new ThrottlerStorageRedisService(redis.client);
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

  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn(
      `Redis did not take a rate-limit hit (${(error as Error).message}); counting in the database`,
    );
  }
}
