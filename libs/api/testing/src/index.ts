export * from './lib/event-stream';
export * from './lib/openapi-conformance';
export * from './lib/sandbox-app';
export * from './lib/sandbox-process';
export * from './lib/sign-in-flow';
export * from './lib/test-config';
export * from './lib/test-database';
