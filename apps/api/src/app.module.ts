import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthModule } from './auth/auth.module';
import { DeploymentsModule } from './deployments/deployments.module';
import { DeviceModule } from './device/device.module';
import type { LaunchpadConfig } from './config/launchpad-config';
import type { Database } from './database/database';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';

/**
 * The configuration is validated and the database opened and migrated before Nest boots
 * (main.ts), so that a wrong value stops the API with one clear line instead of a stack trace.
 */
@Module({})
export class AppModule {
  static forRoot(config: LaunchpadConfig, database: Database): DynamicModule {
    const auth = AuthModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => config],
        }),
        LoggingModule.forRoot(config.app),
        DatabaseModule.forRoot(database),
        HealthModule,
        auth,
        DeploymentsModule.forRoot(config, auth),
        DeviceModule.forRoot(config, auth),
      ],
    };
  }
}
