import { registerAs } from '@nestjs/config';
import { resolve } from 'node:path';
import { z } from 'zod';
import { type Env, parseEnv } from './env';

export type DatabaseConfig =
  | { driver: 'pglite'; dataDir: string }
  | { driver: 'postgres'; url: string; dataDir: string };

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
    },
    env,
  );
  const dataDir = resolve(vars.DATA_DIR);
  return vars.DATABASE_URL
    ? { driver: 'postgres', url: vars.DATABASE_URL, dataDir }
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

/** The `database` namespace (DATA_DIR, DATABASE_URL). */
export const databaseConfig = registerAs(
  'database',
  (): DatabaseConfig => loadDatabaseConfig(process.env),
);
