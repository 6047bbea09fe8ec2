export * from './lib/api-validation.pipe';
export * from './lib/configure-http';
export * from './lib/cookies';
export * from './lib/logging.module';
export * from './lib/oauth-error';
export * from './lib/openapi';
export * from './lib/parse-provider.pipe';
export * from './lib/request-id';
