import { registerAs } from '@nestjs/config';
import { z } from 'zod';
import { type Env, parseEnv } from './env';

export interface SessionsConfig {
  /** A session unused for this long ends (OWASP: short idle timeouts for sensitive apps). */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteTimeoutMs: number;
}

export function loadSessionsConfig(env: Env): SessionsConfig {
  const vars = parseEnv(
    {
      SESSION_IDLE_MINUTES: z.coerce
        .number({ message: 'must be a number of minutes' })
        .int('must be whole minutes')
        .min(1, 'must be at least 1')
        .max(1440, 'must be at most 1440 (a day)')
        .default(30),
      SESSION_ABSOLUTE_HOURS: z.coerce
        .number({ message: 'must be a number of hours' })
        .int('must be whole hours')
        .min(1, 'must be at least 1')
        .max(720, 'must be at most 720 (30 days)')
        .default(12),
    },
    env,
  );
  return {
    idleTimeoutMs: vars.SESSION_IDLE_MINUTES * 60_000,
    absoluteTimeoutMs: vars.SESSION_ABSOLUTE_HOURS * 3_600_000,
  };
}

/** The `sessions` namespace (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS). */
export const sessionsConfig = registerAs(
  'sessions',
  (): SessionsConfig => loadSessionsConfig(process.env),
);
