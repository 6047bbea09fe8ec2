export * from './lib/applications';
