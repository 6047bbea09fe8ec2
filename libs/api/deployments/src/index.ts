export * from './lib/deployments.module';
