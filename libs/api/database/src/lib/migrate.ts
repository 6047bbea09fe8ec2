import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from './database';

/**
 * Beside this file in the sources (src/lib/migrations); copied beside main.js in the build.
 */
export const MIGRATIONS_FOLDER = join(__dirname, 'migrations');

/** Any constant works; it names Launchpad's migration lock among the server's advisory locks. */
const MIGRATION_LOCK_KEY = 0x4c61756e; // "Laun"

/**
 * Applies pending migrations. On PostgreSQL several API instances may start at once: a
 * session-level advisory lock serializes them, and each one then sees what the previous one
 * applied (drizzle's migrator itself takes no lock). PGlite is single-process by construction.
 */
export async function runMigrations(database: Database): Promise<void> {
  const { connection } = database;
  if (connection.driver === 'pglite') {
    await migratePglite(drizzlePglite({ client: connection.client }), {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  const client = await connection.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** This build's journal never changes while it runs: read once, by the first probe. */
let journalLength: Promise<number> | undefined;

/**
 * How many of this build's migrations (its journal, `meta/_journal.json` in MIGRATIONS_FOLDER)
 * the database has not applied: 0 on a database this build migrated, more when it is behind.
 * Throws when the database cannot be read.
 */
export async function pendingMigrations(database: Database): Promise<number> {
  journalLength ??= readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { entries: unknown[] }).entries.length,
  );
  const known = await journalLength;
  const result = await database.db.execute(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  const applied = Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0);
  return Math.max(0, known - applied);
}
