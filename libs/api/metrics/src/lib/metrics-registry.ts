import type { Provider } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The app's prom-client `Registry` (inject it as `Registry`), holding Launchpad's metrics and
 * prom-client's default ones: the process's CPU seconds, memory bytes, open file descriptors,
 * event-loop lag and GC pauses (`process_*`, `nodejs_*`). One per app rather than prom-client's
 * global `register`: registering a metric name twice throws, and two apps in one process (the
 * tests) must each count their own requests and read their own database.
 */
export const metricsRegistryProvider: Provider<Registry> = {
  provide: Registry,
  useFactory: () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return registry;
  },
};
