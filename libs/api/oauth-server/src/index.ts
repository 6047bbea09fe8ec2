export * from './lib/clients-command';
export * from './lib/device.module';
export * from './lib/oauth-endpoints';
