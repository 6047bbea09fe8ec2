import { registerAs } from '@nestjs/config';
import { z } from 'zod';
import { type Env, parseEnv } from './env';

/** Request rate limits (their counters live in Redis when REDIS_URL is set: RedisConfig). */
export interface RateLimitsConfig {
  /** RATE_LIMITS=off turns every limit off: only for benchmarks, or behind a limiter of your own. */
  enabled: boolean;
}

export function loadRateLimitsConfig(env: Env): RateLimitsConfig {
  const vars = parseEnv(
    {
      RATE_LIMITS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
    },
    env,
  );
  return { enabled: vars.RATE_LIMITS === 'on' };
}

/** The `rateLimits` namespace (RATE_LIMITS). */
export const rateLimitsConfig = registerAs(
  'rateLimits',
  (): RateLimitsConfig => loadRateLimitsConfig(process.env),
);
