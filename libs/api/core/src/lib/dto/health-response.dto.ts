import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DatabaseDriver, DatabaseHealth, HealthResponse } from '@launchpad/shared-api-types';

export class DatabaseHealthDto implements DatabaseHealth {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ enum: ['pglite', 'postgres'] })
  driver!: DatabaseDriver;

  @ApiPropertyOptional({ description: 'Round trip of `select 1`, in milliseconds', example: 1.4 })
  latencyMs?: number;

  @ApiPropertyOptional({
    description: 'Why the database is down',
    example: 'no answer within 2000 ms',
  })
  reason?: string;
}

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ type: DatabaseHealthDto })
  database!: DatabaseHealthDto;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ example: 42 })
  uptimeSeconds!: number;
}
