import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DeploymentWorker } from './deployment-worker';

const TICK_MS = 1_000;

/** Runs the deployment worker every second on every instance (the work itself is leased). */
@Injectable()
export class DeploymentScheduler implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DeploymentScheduler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly worker: DeploymentWorker) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.running ??= this.worker
        .pollDue()
        .catch((error: unknown) =>
          this.logger.warn(`poll round failed: ${(error as Error).message}`),
        )
        .finally(() => (this.running = undefined));
    }, TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
