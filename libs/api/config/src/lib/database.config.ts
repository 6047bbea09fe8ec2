import { registerAs } from '@nestjs/config';
import { resolve } from 'node:path';
import { z } from 'zod';
import { type Env, parseEnv } from './env';

/**
 * The embedded PGlite in DATA_DIR (one instance), or PostgreSQL at DATABASE_URL (any number of
 * instances), with at most `poolSize` connections per instance (DATABASE_POOL_SIZE).
 */
export type DatabaseConfig =
  | { driver: 'pglite'; dataDir: string }
  | { driver: 'postgres'; url: string; dataDir: string; poolSize: number };

export function loadDatabaseConfig(env: Env): DatabaseConfig {
  const vars = parseEnv(
    {
      DATA_DIR: z.string().default('.data'),
      DATABASE_URL: z
        .url({
          protocol: /^postgres(ql)?$/,
          message: 'must be a PostgreSQL URL such as postgres://user@host:5432/db',
        })
        .optional(),
      DATABASE_POOL_SIZE: z.coerce
        .number({ message: 'must be a number of connections' })
        .int('must be a whole number of connections')
        .min(1, 'must be at least 1')
        .max(1000, 'must be at most 1000')
        .default(10),
    },
    env,
  );
  const dataDir = resolve(vars.DATA_DIR);
  return vars.DATABASE_URL
    ? { driver: 'postgres', url: vars.DATABASE_URL, dataDir, poolSize: vars.DATABASE_POOL_SIZE }
    : { driver: 'pglite', dataDir };
}

/** A connection string fit for a log line or an error message: the password never leaves. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/** The `database` namespace (DATA_DIR, DATABASE_URL, DATABASE_POOL_SIZE). */
export const databaseConfig = registerAs(
  'database',
  (): DatabaseConfig => loadDatabaseConfig(process.env),
);
