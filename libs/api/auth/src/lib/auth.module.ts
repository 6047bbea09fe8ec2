import { type DynamicModule, Module } from '@nestjs/common';
import { AccountsController, SessionController } from './accounts.controller';
import { AccountsService } from '@launchpad/api-accounts';
import { AdminPolicy } from '@launchpad/api-accounts';
import type { LaunchpadConfig } from '@launchpad/api-config';
import type { Database } from '@launchpad/api-database';
import { DATABASE } from '@launchpad/api-database';
import { ProviderTokenClient } from '@launchpad/api-providers';
import { SessionStore } from '@launchpad/api-sessions';
import { SessionService } from '@launchpad/api-sessions';
import { SignedInGuard } from '@launchpad/api-sessions';
import { OAuthTokensService } from '@launchpad/api-oauth-tokens';
import { RevocationService } from '@launchpad/api-accounts';
import { TokenCipher } from '@launchpad/api-accounts';
import { TokenVault } from '@launchpad/api-accounts';
import { AuthController } from './auth.controller';
import { MaintenanceService } from './maintenance.service';
import { OAuthStateStore } from './oauth-state.store';
import { ProviderStrategy } from './provider-strategy';
import { SignInService } from './sign-in.service';

/**
 * Sign-in with the providers, sessions, linked accounts and the token vault. The pieces are
 * plain classes (unit-tested without Nest); this module builds them from the configuration.
 */
@Module({})
export class AuthModule {
  static forRoot(config: LaunchpadConfig): DynamicModule {
    const db = (database: Database) => database.db;
    const providers = [
      {
        provide: TokenCipher,
        useFactory: () =>
          new TokenCipher(config.secrets.tokenEncryptionKey, config.secrets.previousEncryptionKeys),
      },
      { provide: ProviderTokenClient, useFactory: () => new ProviderTokenClient(config.providers) },
      {
        provide: SessionStore,
        useFactory: (database: Database) =>
          new SessionStore(db(database), config.sessions, config.secrets.sessionSecret),
        inject: [DATABASE],
      },
      {
        provide: SessionService,
        useFactory: (store: SessionStore) =>
          new SessionService(
            store,
            config.app.publicUrl.startsWith('https:'),
            config.sessions.absoluteTimeoutMs,
          ),
        inject: [SessionStore],
      },
      {
        provide: OAuthStateStore,
        useFactory: (database: Database, cipher: TokenCipher) =>
          new OAuthStateStore(db(database), cipher),
        inject: [DATABASE, TokenCipher],
      },
      {
        provide: AccountsService,
        useFactory: (database: Database, cipher: TokenCipher) =>
          new AccountsService(db(database), cipher),
        inject: [DATABASE, TokenCipher],
      },
      {
        provide: RevocationService,
        useFactory: (database: Database, cipher: TokenCipher, client: ProviderTokenClient) =>
          new RevocationService(db(database), cipher, client),
        inject: [DATABASE, TokenCipher, ProviderTokenClient],
      },
      {
        provide: TokenVault,
        useFactory: (database: Database, accounts: AccountsService, client: ProviderTokenClient) =>
          new TokenVault(db(database), accounts, client),
        inject: [DATABASE, AccountsService, ProviderTokenClient],
      },
      {
        provide: SignInService,
        useFactory: (
          states: OAuthStateStore,
          accounts: AccountsService,
          revocations: RevocationService,
          client: ProviderTokenClient,
        ) =>
          new SignInService(
            {
              linode: new ProviderStrategy(
                'linode',
                config.providers.linode,
                config.app.publicUrl,
                states,
              ),
              digitalocean: new ProviderStrategy(
                'digitalocean',
                config.providers.digitalocean,
                config.app.publicUrl,
                states,
              ),
            },
            config.providers,
            states,
            accounts,
            revocations,
            client,
          ),
        inject: [OAuthStateStore, AccountsService, RevocationService, ProviderTokenClient],
      },
      {
        provide: OAuthTokensService,
        useFactory: (database: Database) => new OAuthTokensService(db(database)),
        inject: [DATABASE],
      },
      {
        provide: AdminPolicy,
        useFactory: (accounts: AccountsService) =>
          new AdminPolicy(config.app.adminEmails, accounts),
        inject: [AccountsService],
      },
      SignedInGuard,
      MaintenanceService,
    ];
    return {
      module: AuthModule,
      controllers: [AuthController, SessionController, AccountsController],
      providers,
      exports: [
        TokenVault,
        AccountsService,
        SessionService,
        SignedInGuard,
        RevocationService,
        OAuthTokensService,
        AdminPolicy,
      ],
    };
  }
}
