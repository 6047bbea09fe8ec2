export * from './lib/deployment-routes';
