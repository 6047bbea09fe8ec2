export * from './lib/catalog.controller';
export * from './lib/catalog.service';
