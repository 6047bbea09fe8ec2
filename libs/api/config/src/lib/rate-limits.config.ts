import { registerAs } from '@nestjs/config';
import { z } from 'zod';
import { type Env, parseEnv } from './env';

/** Request rate limits, and where their counters live. */
export interface RateLimitsConfig {
  /** RATE_LIMITS=off turns every limit off: only for benchmarks, or behind a limiter of your own. */
  enabled: boolean;
  /**
   * REDIS_URL (`redis://` or `rediss://`): counters in Redis, shared by every instance; unset,
   * they live in the database, which every instance shares too.
   */
  redisUrl: string | null;
}

export function loadRateLimitsConfig(env: Env): RateLimitsConfig {
  const vars = parseEnv(
    {
      RATE_LIMITS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
      REDIS_URL: z
        .url({
          protocol: /^rediss?$/,
          message: 'must be a Redis URL such as redis://127.0.0.1:6379',
        })
        .optional(),
    },
    env,
  );
  return { enabled: vars.RATE_LIMITS === 'on', redisUrl: vars.REDIS_URL ?? null };
}

/** The `rateLimits` namespace (RATE_LIMITS, REDIS_URL). */
export const rateLimitsConfig = registerAs(
  'rateLimits',
  (): RateLimitsConfig => loadRateLimitsConfig(process.env),
);
