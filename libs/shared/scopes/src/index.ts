export * from './lib/shared-scopes';
