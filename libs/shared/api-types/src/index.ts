export * from './lib/api-error';
export * from './lib/health';
export * from './lib/api-error-guard';
export * from './lib/sandbox-clients';
export * from './lib/auth';
