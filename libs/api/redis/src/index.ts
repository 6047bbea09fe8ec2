export * from './lib/redis-connections';
export * from './lib/redis.module';
