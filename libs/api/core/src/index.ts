export * from './lib/health.module';
export * from './lib/launchpad-app';
