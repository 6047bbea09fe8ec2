export * from './lib/confirm-button';
export * from './lib/empty-state';
export * from './lib/page-header';
export * from './lib/price';
export * from './lib/provider-badge';
export * from './lib/status-badge';
export * from './lib/relink-button';
