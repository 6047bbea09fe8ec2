export * from './lib/accounts.module';
export * from './lib/accounts.service';
export * from './lib/admin-policy';
export * from './lib/domain-errors';
export * from './lib/revocations';
export * from './lib/token-cipher';
export * from './lib/token-vault';
