import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { DatabaseDriver } from '@launchpad/shared-api-types';
import { StartupError } from '@launchpad/api-config';
import { type DatabaseConfig, redactDatabaseUrl } from '@launchpad/api-config';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

/** The Drizzle handle every feature uses; the same type whether PGlite or PostgreSQL is behind it. */
export type LaunchpadDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The rows of `db.execute(sql…)`: both drivers answer `{ rows }`. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export type Connection =
  | { driver: 'pglite'; db: LaunchpadDb; client: PGlite }
  | { driver: 'postgres'; db: LaunchpadDb; pool: Pool };

export interface Database {
  readonly driver: DatabaseDriver;
  readonly db: LaunchpadDb;
  readonly connection: Connection;
  /** Round-trip time of `select 1` in milliseconds; rejects when the database does not answer. */
  ping(timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

/** Opens the configured database and checks that it answers; a failure is a one-line StartupError. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.driver === 'pglite'
    ? openPglite(config.dataDir)
    : openPostgres(config.url, config.poolSize);
}

async function openPglite(dataDir: string): Promise<Database> {
  const unlock = await lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(join(dataDir, 'pglite'));
  } catch (error) {
    await unlock();
    throw new StartupError(`DATA_DIR: cannot open the database in ${dataDir} (${describe(error)})`);
  }
  const db = drizzlePglite({ client, schema }) as unknown as LaunchpadDb;
  return database({ driver: 'pglite', db, client }, async () => {
    await client.close();
    await unlock();
  });
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: 5000, max: poolSize });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StartupError(
      `DATABASE_URL: cannot connect to ${redactDatabaseUrl(url)} (${describe(error)})`,
    );
  }
  const db = drizzleNodePg({ client: pool, schema }) as unknown as LaunchpadDb;
  return database({ driver: 'postgres', db, pool }, () => pool.end());
}

function database(connection: Connection, close: () => Promise<void>): Database {
  let closing: Promise<void> | undefined;
  return {
    driver: connection.driver,
    db: connection.db,
    connection,
    async ping(timeoutMs = 2000) {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([connection.db.execute(sql`select 1`), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return Math.round((performance.now() - started) * 10) / 10;
    },
    close: () => (closing ??= close()),
  };
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message || code || error.name;
  }
  return String(error);
}
