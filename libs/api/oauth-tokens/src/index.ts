export * from './lib/oauth-tokens.module';
export * from './lib/oauth-tokens.service';
