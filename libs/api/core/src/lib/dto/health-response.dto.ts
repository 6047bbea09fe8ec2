import type { DatabaseHealth, HealthResponse } from '@launchpad/shared-api-types';
import { componentDto, schemaOf } from '@launchpad/api-http';
import { z } from 'zod';

const databaseHealthSchema = schemaOf<DatabaseHealth>()(
  z
    .strictObject({
      status: z.enum(['up', 'down']),
      driver: z.enum(['pglite', 'postgres']),
      latencyMs: z
        .number()
        .optional()
        .describe('Round trip of `select 1`, in milliseconds, when the database answered')
        .meta({ example: 1.4 }),
      reason: z
        .string()
        .optional()
        .describe('Why the database is down, in words; never a connection string')
        .meta({ example: 'no answer within 2000 ms' }),
    })
    .meta({ id: 'DatabaseHealth' }),
);

/** `GET /api/health`: 200 when everything is up, 503 with the same shape otherwise. */
export const healthResponseSchema = schemaOf<HealthResponse>()(
  z
    .strictObject({
      status: z.enum(['ok', 'error']),
      database: databaseHealthSchema,
      version: z.string().meta({ example: '0.1.0' }),
      uptimeSeconds: z.int().describe('Seconds since this instance started'),
    })
    .meta({ id: 'HealthResponse' }),
);

/** `GET /api/health`, 200 and 503 alike (OpenAPI component HealthResponse). */
export class HealthResponseDto extends componentDto(healthResponseSchema) {}

/** One check of a readiness report: `up` or `down`, with what it measured or why it failed. */
const healthIndicatorSchema = z
  .object({
    status: z.enum(['up', 'down']),
    latencyMs: z.number().optional().describe('Round trip, in milliseconds'),
    pending: z.int().optional().describe('Migrations of this build the database lacks'),
    reason: z.string().optional().describe('Why the check failed, in words'),
  })
  .meta({ id: 'HealthIndicator' });
const indicators = z.record(z.string(), healthIndicatorSchema);

/**
 * `GET /api/health/live` and `/api/health/ready`: @nestjs/terminus's report (its
 * HealthCheckResult): `ok` with every check in `info`, or `error` (503) with the failed ones in
 * `error`; `details` has them all. Checks: `database`, `migrations`, and `redis` when REDIS_URL
 * is set.
 */
export const healthCheckResultSchema = z
  .strictObject({
    status: z.enum(['ok', 'error', 'shutting_down']),
    info: indicators.optional(),
    error: indicators.optional(),
    details: indicators,
  })
  .meta({ id: 'HealthCheckResult' });

/** The body of `/api/health/live` and `/api/health/ready`, 200 and 503 alike. */
export class HealthCheckResultDto extends componentDto(healthCheckResultSchema) {}
