import { Injectable, Logger } from '@nestjs/common';
import { count } from 'drizzle-orm';
import { Gauge, Registry } from 'prom-client';
import { InjectDb, type LaunchpadDb, deployments } from '@launchpad/api-database';

/**
 * `launchpad_deployments{status}`: how many deployments are in each status (`queued`,
 * `provisioning`, `booting`, `running`, `failed`; 0 for none), counted in the database at each
 * scrape, so that every instance reports the same, right figures whichever instance moved a
 * deployment (aggregate across instances with `max`, not `sum`). When the database does not
 * answer, the scrape still succeeds, without this gauge's samples (a warning is logged).
 */
@Injectable()
export class DeploymentsGauge {
  private readonly logger = new Logger('Metrics');

  constructor(registry: Registry, @InjectDb() db: LaunchpadDb) {
    const logger = this.logger;
    new Gauge({
      name: 'launchpad_deployments',
      help: 'Deployments in each status, counted in the database at scrape time.',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        try {
          const rows = await db
            .select({ status: deployments.status, count: count() })
            .from(deployments)
            .groupBy(deployments.status);
          const byStatus = new Map(rows.map((row) => [row.status, row.count]));
          for (const status of deployments.status.enumValues) {
            this.set({ status }, byStatus.get(status) ?? 0);
          }
        } catch (error) {
          this.reset();
          logger.warn(`deployments not counted: ${(error as Error).message}`);
        }
      },
    });
  }
}
