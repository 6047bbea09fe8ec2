export * from './lib/scope-string';
export * from './lib/launchpad-scopes';
