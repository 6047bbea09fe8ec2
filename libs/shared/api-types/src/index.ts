export * from './lib/shared-api-types';
