export * from './lib/device-token-poll-metrics';
export * from './lib/metrics.module';
export * from './lib/provider-metrics';
