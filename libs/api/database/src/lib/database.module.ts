import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Database } from './database';

/** Injection token of the opened, migrated Database (see main.ts: it is opened before Nest boots). */
export const DATABASE = Symbol('DATABASE');

export const InjectDatabase = () => Inject(DATABASE);

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@InjectDatabase() private readonly database: Database) {}

  static forRoot(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DATABASE, useValue: database }],
      exports: [DATABASE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
