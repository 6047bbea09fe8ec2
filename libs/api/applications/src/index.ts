export * from './lib/applications';
export * from './lib/cloud-config';
