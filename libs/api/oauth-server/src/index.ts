export * from './lib/clients-command';
export * from './lib/oauth-clients.service';
export * from './lib/oauth-server.module';
