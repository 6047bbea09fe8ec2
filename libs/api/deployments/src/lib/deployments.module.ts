import { type DynamicModule, Module } from '@nestjs/common';
import { AccountsService } from '@launchpad/api-accounts';
import { CatalogController } from '@launchpad/api-catalog';
import { CatalogService } from '@launchpad/api-catalog';
import type { LaunchpadConfig } from '@launchpad/api-config';
import type { Database } from '@launchpad/api-database';
import { DATABASE } from '@launchpad/api-database';
import { type ProviderClients, createProviderClients } from '@launchpad/api-providers';
import { ServersController } from '@launchpad/api-servers';
import { ServersService } from '@launchpad/api-servers';
import { RevocationService } from '@launchpad/api-accounts';
import { TokenVault } from '@launchpad/api-accounts';
import { DeploymentScheduler } from './deployment-scheduler';
import { DeploymentWorker } from './deployment-worker';
import { DeploymentsController } from './deployments.controller';
import { DeploymentsService } from './deployments.service';

export const PROVIDER_CLIENTS = Symbol('ProviderClients');

/** The catalog, deployments and the servers dashboard: what Launchpad exists for. */
@Module({})
export class DeploymentsModule {
  /** `auth`: the AuthModule instance of the app (one, so that its workers run once). */
  static forRoot(config: LaunchpadConfig, auth: DynamicModule): DynamicModule {
    return {
      module: DeploymentsModule,
      imports: [auth],
      controllers: [CatalogController, ServersController, DeploymentsController],
      providers: [
        { provide: PROVIDER_CLIENTS, useFactory: () => createProviderClients(config.providers) },
        {
          provide: CatalogService,
          useFactory: (clients: ProviderClients) =>
            new CatalogService(
              clients,
              config.deployments.applications,
              config.deployments.catalogTtlMs,
            ),
          inject: [PROVIDER_CLIENTS],
        },
        {
          provide: ServersService,
          useFactory: (accounts: AccountsService, vault: TokenVault, clients: ProviderClients) =>
            new ServersService(accounts, vault, clients),
          inject: [AccountsService, TokenVault, PROVIDER_CLIENTS],
        },
        {
          provide: DeploymentsService,
          useFactory: (
            database: Database,
            accounts: AccountsService,
            vault: TokenVault,
            clients: ProviderClients,
            catalog: CatalogService,
          ) => new DeploymentsService(database.db, accounts, vault, clients, catalog),
          inject: [DATABASE, AccountsService, TokenVault, PROVIDER_CLIENTS, CatalogService],
        },
        {
          provide: DeploymentWorker,
          useFactory: (
            database: Database,
            service: DeploymentsService,
            vault: TokenVault,
            clients: ProviderClients,
            accounts: AccountsService,
            revocations: RevocationService,
          ) =>
            new DeploymentWorker(
              database.db,
              service,
              vault,
              clients,
              accounts,
              revocations,
              config.deployments.deployOnly,
            ),
          inject: [
            DATABASE,
            DeploymentsService,
            TokenVault,
            PROVIDER_CLIENTS,
            AccountsService,
            RevocationService,
          ],
        },
        DeploymentScheduler,
      ],
    };
  }
}
