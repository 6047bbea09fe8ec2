export * from './lib/database-unavailable';
export * from './lib/database';
export * from './lib/database.module';
export * from './lib/migrate';
export * from './lib/schema';
