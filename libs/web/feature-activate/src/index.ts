export * from './lib/activate-routes';
