export * from './lib/launchpad-app';
