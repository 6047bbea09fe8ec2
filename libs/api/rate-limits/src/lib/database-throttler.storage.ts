import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitCounters } from './rate-limit-counters';

/**
 * `@nestjs/throttler`'s storage on the database's fixed-window counters, for deployments without
 * Redis: every instance shares the count. `ttl` is in milliseconds; a key over its `limit` is
 * refused until its window ends (the window is the block: `blockDuration` is not used).
 * `timeToExpire` and `timeToBlockExpire` are in seconds, as the throttler's Retry-After needs.
 */
@Injectable()
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly counters: RateLimitCounters) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const { count, resetsInMs } = await this.counters.hit(`throttle:${throttlerName}:${key}`, ttl);
    const timeToExpire = Math.max(1, Math.ceil(resetsInMs / 1000));
    const isBlocked = count > limit;
    return {
      totalHits: count,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    };
  }
}
