import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@launchpad/api-auth';
import type { LaunchpadConfig } from '@launchpad/api-config';
import { DeploymentsModule } from '@launchpad/api-deployments';
import { DeviceModule } from '@launchpad/api-oauth-server';

/** Launchpad's features; `createLaunchpadApp` (api-core) puts them on the core every app has. */
@Module({})
export class AppModule {
  static forRoot(config: LaunchpadConfig): DynamicModule {
    const auth = AuthModule.forRoot(config);
    return {
      module: AppModule,
      imports: [auth, DeploymentsModule.forRoot(config, auth), DeviceModule.forRoot(config, auth)],
    };
  }
}
