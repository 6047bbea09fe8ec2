import { Global, Module } from '@nestjs/common';
import { DeploymentsGauge } from './deployments-gauge';
import { DeviceTokenPollMetrics } from './device-token-poll-metrics';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { metricsRegistryProvider } from './metrics-registry';
import { MetricsTokenGuard } from './metrics-token.guard';
import { ProviderMetrics } from './provider-metrics';

/**
 * Prometheus metrics with prom-client, served at `GET /metrics` (MetricsController, behind
 * METRICS_TOKEN when it is set): the process's (prom-client's defaults), HTTP requests by route
 * pattern (HttpMetrics), the deployments by status (DeploymentsGauge, from the database), and
 * what the data-access libraries record through the recorders this global module exports:
 * provider API calls by outcome (ProviderMetrics) and device-flow polls by answer
 * (DeviceTokenPollMetrics).
 *
 * A module of our own rather than @willsoto/nestjs-prometheus (6.1.1 supports Nest 11): that
 * module registers every metric, and prom-client's defaults at each `register()`, in
 * prom-client's global registry, which throws when a second app in the process registers them
 * (willsoto/nestjs-prometheus#1928) and would let one app's database gauge answer for another.
 * Here each app has its own `Registry` (metricsRegistryProvider).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    metricsRegistryProvider,
    HttpMetrics,
    ProviderMetrics,
    DeviceTokenPollMetrics,
    DeploymentsGauge,
    MetricsTokenGuard,
  ],
  exports: [ProviderMetrics, DeviceTokenPollMetrics],
})
export class MetricsModule {}
