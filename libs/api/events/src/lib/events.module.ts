import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';

/** The event bus (EventBus) for every module: across instances through Redis when REDIS_URL is set. */
@Global()
@Module({ providers: [EventBus], exports: [EventBus] })
export class EventsModule {}
