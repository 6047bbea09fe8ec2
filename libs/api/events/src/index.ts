export * from './lib/event-bus';
export * from './lib/events.module';
