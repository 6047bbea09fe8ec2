import { Module } from '@nestjs/common';
import { AccountsModule } from '@launchpad/api-accounts';
import { OAuthTokensModule } from '@launchpad/api-oauth-tokens';
import { SessionsModule } from '@launchpad/api-sessions';
import { ActivationController } from './activation.controller';
import { AdminGuard } from './admin.guard';
import { ClientsController } from './clients.controller';
import { DeviceFlowService } from './device-flow.service';
import { DeviceSweeper } from './device-sweeper';
import { FormEncodedGuard } from './form-encoded.guard';
import { OAuthClientsService } from './oauth-clients.service';
import { OAuthEndpointsController } from './oauth-endpoints.controller';
import { OAuthMetadataController } from './oauth-metadata.controller';

/**
 * Launchpad as an OAuth 2 device-flow authorization server (RFC 8628) for its own API: the
 * /oauth endpoints and their metadata, the activation page's API and the client registry.
 */
@Module({
  imports: [OAuthTokensModule, SessionsModule, AccountsModule],
  controllers: [
    OAuthMetadataController,
    OAuthEndpointsController,
    ActivationController,
    ClientsController,
  ],
  providers: [OAuthClientsService, DeviceFlowService, DeviceSweeper, FormEncodedGuard, AdminGuard],
  exports: [OAuthClientsService],
})
export class OAuthServerModule {}
