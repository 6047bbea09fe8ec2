import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { NoRateLimit } from '@launchpad/api-rate-limits';
import type { HealthResponse } from '@launchpad/shared-api-types';
import type { Response } from 'express';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { HealthCheckResultDto, HealthResponseDto } from './dto/health-response.dto';
import { ReadinessIndicators } from './readiness.indicators';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('api/health')
// Probed every few seconds by load balancers, and it must answer 503 when the database (where
// the counters may live) is down.
@NoRateLimit()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly checks: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
  ) {}

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

  /** Liveness: the process answers. A failing probe means restart it, so nothing else is checked. */
  @Get('live')
  @HealthCheck({ swaggerDocumentation: false, noCache: true })
  @ApiOperation({ summary: 'Liveness: this process answers (restart it when it does not)' })
  @ApiOkResponse({ type: HealthCheckResultDto, description: '`ok`' })
  live(): Promise<HealthCheckResult> {
    return this.checks.check([]);
  }

  /**
   * Readiness (@nestjs/terminus): the database answers and has every migration of this build,
   * and Redis answers when REDIS_URL is set. 503 with the failed checks in `error` otherwise.
   */
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false, noCache: true })
  @ApiOperation({
    summary: 'Readiness: database, migrations and Redis (when set) are up: send traffic here',
  })
  @ApiOkResponse({ type: HealthCheckResultDto, description: 'Every check is up' })
  @ApiServiceUnavailableResponse({
    type: HealthCheckResultDto,
    description: 'A check is down: `error` names it and says why',
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.checks.check(this.readiness.checks());
    } catch (error) {
      // Terminus throws its report as a 503: answer it as it is, not as an API error.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
