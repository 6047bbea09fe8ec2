export * from './lib/configure-http';
export * from './lib/cookies';
export * from './lib/logging.module';
export * from './lib/oauth-error';
export * from './lib/openapi';
export * from './lib/request-id';
export * from './lib/parse-provider.pipe';
