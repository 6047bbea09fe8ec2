import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { APP_PIPE, NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { domainErrorToHttp } from '@launchpad/api-accounts';
import { type LaunchpadConfig, StartupError } from '@launchpad/api-config';
import {
  type Database,
  DatabaseModule,
  databaseErrorToHttp,
  openDatabase,
  runMigrations,
} from '@launchpad/api-database';
import { EventsModule } from '@launchpad/api-events';
import {
  ApiValidationPipe,
  GracefulShutdownModule,
  LoggingModule,
  SpaModule,
  configureHttp,
  setupOpenApi,
} from '@launchpad/api-http';
import { MetricsModule } from '@launchpad/api-metrics';
import { RateLimitsModule } from '@launchpad/api-rate-limits';
import { RedisModule } from '@launchpad/api-redis';
import { HealthModule } from './health.module';

/** The feature modules an app is made of (the root module's, or a test's smaller set). */
export type FeatureModules = NonNullable<ModuleMetadata['imports']>;

@Module({})
class LaunchpadCoreModule {
  static forRoot(
    config: LaunchpadConfig,
    database: Database,
    features: FeatureModules,
  ): DynamicModule {
    return {
      module: LaunchpadCoreModule,
      imports: [
        // Each feature's namespace (appConfig, sessionsConfig, …), validated before Nest boots:
        // injected as `@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>`.
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: Object.entries(config).map(([namespace, values]) =>
            registerAs(namespace, () => values),
          ),
        }),
        ScheduleModule.forRoot(),
        LoggingModule.forRoot(config.app),
        GracefulShutdownModule,
        DatabaseModule.forRoot(database),
        RedisModule,
        EventsModule,
        RateLimitsModule.forRoot(),
        MetricsModule,
        HealthModule,
        ...features,
        // Last: its catch-all GET answers only what no feature's route did.
        SpaModule.forRoot(config.app),
      ],
      providers: [{ provide: APP_PIPE, useClass: ApiValidationPipe }],
    };
  }
}

/**
 * Opens and migrates the database, then builds the Nest app of `features` on the core every
 * Launchpad app has (configuration, logs, database, rate limits, health, HTTP handling, OpenAPI,
 * the SPA); not yet listening. The configuration is validated before (main.ts), so that a wrong
 * value stops the API with one clear line instead of a stack trace. Throws StartupError when
 * migrations fail.
 */
export async function createLaunchpadApp(
  config: LaunchpadConfig,
  features: FeatureModules,
): Promise<NestExpressApplication> {
  const database = await openMigratedDatabase(config);
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      LaunchpadCoreModule.forRoot(config, database, features),
      { bufferLogs: true, bodyParser: false },
    );
    app.useLogger(app.get(Logger));
    configureHttp(
      app,
      config.app,
      (error) => databaseErrorToHttp(error) ?? domainErrorToHttp(error),
    );
    setupOpenApi(app, config.app);
    return app;
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function openMigratedDatabase(config: LaunchpadConfig): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    await runMigrations(database);
    return database;
  } catch (error) {
    await database.close();
    throw new StartupError(`database migrations failed: ${(error as Error).message}`);
  }
}
