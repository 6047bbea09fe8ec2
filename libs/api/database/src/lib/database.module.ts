import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Database, LaunchpadDb } from './database';

/** Injection token of the opened, migrated Database (see main.ts: it is opened before Nest boots). */
export const DATABASE = Symbol('DATABASE');

export const InjectDatabase = () => Inject(DATABASE);

/** Injection token of the Drizzle query builder (`LaunchpadDb`) over that database. */
export const LAUNCHPAD_DB = Symbol('LAUNCHPAD_DB');

/** Injects the `LaunchpadDb` query builder: what services query with. */
export const InjectDb = () => Inject(LAUNCHPAD_DB);

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@InjectDatabase() private readonly database: Database) {}

  static forRoot(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE, useValue: database },
        { provide: LAUNCHPAD_DB, useValue: database.db satisfies LaunchpadDb },
      ],
      exports: [DATABASE, LAUNCHPAD_DB],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
