export * from './lib/api-error';
export * from './lib/health';
export * from './lib/api-error-guard';
export * from './lib/sandbox-clients';
export * from './lib/auth';
export * from './lib/servers';
export * from './lib/catalog';
export * from './lib/deployments';
