export type DatabaseDriver = 'pglite' | 'postgres';

export interface DatabaseHealth {
  status: 'up' | 'down';
  driver: DatabaseDriver;
  /** Round trip of `select 1`, when the database answered. */
  latencyMs?: number;
  /** Why the database is down, in words; never a connection string. */
  reason?: string;
}

/** `GET /api/health`: 200 when everything is up, 503 with the same shape otherwise. */
export interface HealthResponse {
  status: 'ok' | 'error';
  database: DatabaseHealth;
  version: string;
  uptimeSeconds: number;
}
