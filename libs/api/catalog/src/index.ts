export * from './lib/catalog.module';
export * from './lib/catalog.service';
