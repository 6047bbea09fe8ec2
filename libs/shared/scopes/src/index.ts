export * from './lib/scope-string';
export * from './lib/launchpad-scopes';
export * from './lib/linode-scopes';
export * from './lib/digitalocean-scopes';
export * from './lib/provider-scopes';
