import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DeviceFlowService } from './device-flow.service';

/** Hourly: expired device codes become tombstones, old tombstones go. */
@Injectable()
export class DeviceSweeper {
  private readonly logger = new Logger('DeviceSweeper');

  constructor(private readonly devices: DeviceFlowService) {}

  @Interval('device-code-sweep', 3_600_000)
  async sweep(): Promise<void> {
    try {
      await this.devices.sweep();
    } catch (error) {
      this.logger.warn(`sweep failed: ${(error as Error).message}`);
    }
  }
}
