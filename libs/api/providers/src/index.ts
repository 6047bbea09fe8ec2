export * from './lib/cloud-provider';
export * from './lib/provider-clients';
export * from './lib/provider-http';
export * from './lib/provider-profile';
export * from './lib/provider-token-client';
export * from './lib/providers.module';
