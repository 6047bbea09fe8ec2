import { Module } from '@nestjs/common';
import { AuthModule } from '@launchpad/api-auth';
import { CatalogModule } from '@launchpad/api-catalog';
import { DeploymentsModule } from '@launchpad/api-deployments';
import { OAuthServerModule } from '@launchpad/api-oauth-server';
import { ServersModule } from '@launchpad/api-servers';

/**
 * Launchpad's features. `createLaunchpadApp` (api-core) puts them on the core every app has:
 * configuration, logs, the database, health and HTTP handling.
 */
@Module({
  imports: [AuthModule, CatalogModule, ServersModule, DeploymentsModule, OAuthServerModule],
})
export class AppModule {}
