import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DeploymentWorker } from './deployment-worker';

/** Runs the deployment worker every second on every instance (the work itself is leased). */
@Injectable()
export class DeploymentScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('DeploymentScheduler');
  private running: Promise<unknown> | undefined;

  constructor(private readonly worker: DeploymentWorker) {}

  /** A round still running when the next tick comes is not started twice. */
  @Interval('deployments', 1_000)
  pollDue(): void {
    this.running ??= this.worker
      .pollDue()
      .catch((error: unknown) => this.logger.warn(`poll round failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }
}
