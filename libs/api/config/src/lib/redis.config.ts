import { registerAs } from '@nestjs/config';
import { z } from 'zod';
import { type Env, parseEnv } from './env';

/** The Redis every instance shares, when there is one. */
export interface RedisConfig {
  /**
   * REDIS_URL (`redis://` or `rediss://`): rate-limit counters and the event bus (deployment
   * changes fanned out to every instance's event streams) go through it. Unset: counters live in
   * the database and events stay within each instance.
   */
  url: string | null;
}

export function loadRedisConfig(env: Env): RedisConfig {
  const vars = parseEnv(
    {
      REDIS_URL: z
        .url({
          protocol: /^rediss?$/,
          message: 'must be a Redis URL such as redis://127.0.0.1:6379',
        })
        .optional(),
    },
    env,
  );
  return { url: vars.REDIS_URL ?? null };
}

/** The `redis` namespace (REDIS_URL). */
export const redisConfig = registerAs('redis', (): RedisConfig => loadRedisConfig(process.env));
