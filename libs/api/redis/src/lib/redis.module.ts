import { Global, Module } from '@nestjs/common';
import { RedisConnections } from './redis-connections';

/** The instance's Redis connections (RedisConnections), for every module: REDIS_URL, when set. */
@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
