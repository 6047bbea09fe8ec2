export * from './lib/servers-routes';
