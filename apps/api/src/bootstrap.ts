import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { StartupError } from './boot/startup-error';
import type { LaunchpadConfig } from './config/launchpad-config';
import { type Database, openDatabase } from './database/database';
import { runMigrations } from './database/migrate';
import { configureHttp } from './http/configure-http';
import { setupOpenApi } from './http/openapi';

/** Opens and migrates the database, then builds the Nest app on it (not yet listening). */
export async function createLaunchpadApp(config: LaunchpadConfig): Promise<NestExpressApplication> {
  const database = await openMigratedDatabase(config);
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot(config, database),
      {
        bufferLogs: true,
        bodyParser: false,
      },
    );
    app.useLogger(app.get(Logger));
    configureHttp(app, config.app);
    setupOpenApi(app);
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
