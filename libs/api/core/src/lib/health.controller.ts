import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { HealthResponse } from '@launchpad/shared-api-types';
import type { Response } from 'express';
import { HealthResponseDto } from './dto/health-response.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('api/health')
// Probed every few seconds by load balancers, and it must answer 503 when the database (where
// the counters may live) is down.
@SkipThrottle({ address: true, session: true })
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Whether this instance and its database are up (for load balancers)' })
  @ApiOkResponse({ type: HealthResponseDto, description: 'The API and its database are up' })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'The database is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const report = await this.health.check();
    // Load balancers and `npm start` read the status code; people and the SPA read the body.
    res.status(report.status === 'ok' ? 200 : 503).setHeader('Cache-Control', 'no-store');
    return report;
  }
}
