import { Injectable } from '@nestjs/common';
import type { HealthResponse } from '@launchpad/shared-api-types';
import type { Database } from '@launchpad/api-database';
import { InjectDatabase } from '@launchpad/api-database';
import { LAUNCHPAD_VERSION } from '@launchpad/api-config';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(@InjectDatabase() private readonly database: Database) {}

  async check(): Promise<HealthResponse> {
    const { driver } = this.database;
    let database: HealthResponse['database'];
    try {
      database = { status: 'up', driver, latencyMs: await this.database.ping() };
    } catch (error) {
      database = { status: 'down', driver, reason: (error as Error).message };
    }
    return {
      status: database.status === 'up' ? 'ok' : 'error',
      database,
      version: LAUNCHPAD_VERSION,
      uptimeSeconds: Math.floor((Date.now() - this.startedAt) / 1000),
    };
  }
}
