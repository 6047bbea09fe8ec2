export * from './lib/oauth-tokens.service';
