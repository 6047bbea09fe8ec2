export * from './lib/action-scopes';
export * from './lib/servers.module';
