import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { redisConfig } from '@launchpad/api-config';

/** How long a ping may take before Redis counts as not answering, in milliseconds. */
const PING_TIMEOUT_MS = 1_000;

/**
 * The Redis connections every instance opens when REDIS_URL is set (ioredis): `client` for
 * commands (rate-limit counters, PUBLISH) and `subscriber` for SUBSCRIBE, which a connection in
 * subscriber mode cannot mix with other commands. Commands fail at once rather than queueing
 * while Redis is unreachable (each caller has a fallback); ioredis reconnects on its own, and a
 * subscriber connection re-subscribes when it does. With no REDIS_URL, `enabled` is false and
 * both are undefined. Closed when the app shuts down, after in-flight requests have finished.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  readonly client?: Redis;
  readonly subscriber?: Redis;

  constructor(@Inject(redisConfig.KEY) config: ConfigType<typeof redisConfig>) {
    if (!config.url) return;
    const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 };
    this.client = new Redis(config.url, options);
    // SUBSCRIBE is sent again on each reconnection, so it may wait for one.
    this.subscriber = new Redis(config.url, { ...options, enableOfflineQueue: true });
    // ioredis reports connection errors as events; the callers report what failed for them.
    for (const connection of [this.client, this.subscriber])
      connection.on('error', () => undefined);
  }

  /** Whether REDIS_URL is set. */
  get enabled(): boolean {
    return this.client !== undefined;
  }

  /**
   * The round trip of a PING in milliseconds. Throws when REDIS_URL is not set, or when Redis does
   * not answer within 1 second.
   */
  async ping(): Promise<number> {
    const client = this.client;
    if (!client) throw new Error('REDIS_URL is not set');
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)),
            PING_TIMEOUT_MS,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return performance.now() - started;
  }

  onApplicationShutdown(): void {
    this.client?.disconnect(false);
    this.subscriber?.disconnect(false);
  }
}
