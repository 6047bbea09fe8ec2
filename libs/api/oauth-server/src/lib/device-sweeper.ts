import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DeviceFlowService } from './device-flow.service';

/** Hourly: expired device codes become tombstones, old tombstones go. */
@Injectable()
export class DeviceSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DeviceSweeper');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly devices: DeviceFlowService) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.devices
        .sweep()
        .catch((error: unknown) => this.logger.warn(`sweep failed: ${(error as Error).message}`));
    }, 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
