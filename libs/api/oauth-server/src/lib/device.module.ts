import { type DynamicModule, Module } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { SERVE_AHEAD } from '@launchpad/api-http';
import type { LaunchpadConfig } from '@launchpad/api-config';
import type { Database } from '@launchpad/api-database';
import { DATABASE } from '@launchpad/api-database';
import { ActivationController } from './activation.controller';
import { ClientsController } from './clients.controller';
import { AppConfigRef } from './app-config.ref';
import { DeviceFlowService } from './device-flow.service';
import { DeviceSweeper } from './device-sweeper';
import { OAuthClientsService } from './oauth-clients.service';
import { OAuthController } from './oauth.controller';
import { OAuthEndpoints } from './oauth-endpoints';
import { OAuthTokensService } from '@launchpad/api-oauth-tokens';
import { RateLimiter } from './rate-limiter';

/** Launchpad as an OAuth 2 device-flow authorization server (RFC 8628) for its own API. */
@Module({})
export class DeviceModule {
  /** `auth`: the app's AuthModule, which owns OAuthTokensService (its guard checks tokens). */
  static forRoot(config: LaunchpadConfig, auth: DynamicModule): DynamicModule {
    return {
      module: DeviceModule,
      imports: [auth],
      controllers: [OAuthController, ActivationController, ClientsController],
      providers: [
        { provide: AppConfigRef, useValue: new AppConfigRef(config.app.publicUrl) },
        {
          provide: OAuthClientsService,
          useFactory: (database: Database) => new OAuthClientsService(database.db),
          inject: [DATABASE],
        },
        {
          provide: RateLimiter,
          useFactory: (database: Database) => new RateLimiter(database.db),
          inject: [DATABASE],
        },
        {
          provide: DeviceFlowService,
          useFactory: (
            database: Database,
            clients: OAuthClientsService,
            tokens: OAuthTokensService,
          ) =>
            new DeviceFlowService(database.db, clients, tokens, `${config.app.publicUrl}/activate`),
          inject: [DATABASE, OAuthClientsService, OAuthTokensService],
        },
        {
          provide: OAuthEndpoints,
          useFactory: (
            clients: OAuthClientsService,
            devices: DeviceFlowService,
            tokens: OAuthTokensService,
          ) =>
            new OAuthEndpoints(
              clients,
              devices,
              tokens,
              config.app.publicUrl,
              () => PinoLogger.root,
            ),
          inject: [OAuthClientsService, DeviceFlowService, OAuthTokensService],
        },
        DeviceSweeper,
        { provide: SERVE_AHEAD, useExisting: OAuthEndpoints },
      ],
      exports: [OAuthClientsService, OAuthEndpoints, SERVE_AHEAD],
    };
  }
}
