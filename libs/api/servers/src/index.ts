export * from './lib/action-scopes';
export * from './lib/servers.controller';
export * from './lib/servers.service';
