export * from './lib/deploy-routes';
