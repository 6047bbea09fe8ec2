import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { ApiErrorBodyDto, SECURITY_SCHEMES } from '@launchpad/api-http';
import { NoRateLimit } from '@launchpad/api-rate-limits';
import { MetricsTokenGuard } from './metrics-token.guard';

/**
 * `GET /metrics`: every metric of this instance in Prometheus's text exposition format (0.0.4),
 * with prom-client's content type, never cached. At the root, where Prometheus looks by default,
 * outside the API's /api; the SPA's catch-all leaves it alone (SpaModule). Never rate limited
 * (NoRateLimit, so no 429 is documented either): a scraper polls on its own schedule, and a
 * refused scrape is a gap in every graph.
 */
@ApiTags('metrics')
@Controller('metrics')
@NoRateLimit()
@UseGuards(MetricsTokenGuard)
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      "This instance's metrics for Prometheus (requests, provider calls, device polls, deployments, the process)",
  })
  @ApiSecurity(SECURITY_SCHEMES.metricsToken)
  @ApiSecurity({})
  @ApiOkResponse({
    description: 'The Prometheus text exposition format, version 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({
    type: ApiErrorBodyDto,
    description:
      'With METRICS_TOKEN set: `unauthenticated` without a bearer token, `invalid_token` with another one',
  })
  async scrape(@Res() res: Response): Promise<void> {
    const metrics = await this.registry.metrics();
    // prom-client's type as it gives it: for a string, send() would rewrite its parameters.
    res.setHeader('Content-Type', this.registry.contentType);
    res.send(Buffer.from(metrics));
  }
}
