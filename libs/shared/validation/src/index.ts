export * from './lib/control-characters';
export * from './lib/deployment-rules';
