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
