export * from './lib/rate-limit-counters';
export * from './lib/rate-limit.decorators';
export * from './lib/rate-limits.module';
