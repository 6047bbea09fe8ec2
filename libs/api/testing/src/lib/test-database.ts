import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '@launchpad/api-config';

/**
 * A throwaway database for one test file: PGlite in a temporary directory by default, or, when
 * DATABASE_URL is set (CI's PostgreSQL run), a fresh database created on that server and dropped
 * afterwards, so test runs never see each other's rows.
 */
export interface TestDatabase {
  config: DatabaseConfig;
  dispose(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'launchpad-test-'));
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    return {
      config: { driver: 'pglite', dataDir },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `launchpad_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { driver: 'postgres', url: url.toString(), dataDir, poolSize: 10 },
    dispose: async () => {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
