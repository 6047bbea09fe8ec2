import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { ReadinessIndicators } from './readiness.indicators';

/**
 * `/api/health` (the API and its database, for people, the SPA and `launchpad status`), and
 * `/api/health/live` and `/api/health/ready` for load balancers and orchestrators. Terminus logs
 * nothing: a probe that fails every few seconds is not news for the log.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [HealthService, ReadinessIndicators],
})
export class HealthModule {}
