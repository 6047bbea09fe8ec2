import { type BeforeApplicationShutdown, Global, Injectable, Logger, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/** How long in-flight requests may take to finish once shutdown begins, in milliseconds. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Graceful shutdown, in Nest's lifecycle: `app.close()` (SIGINT/SIGTERM in main.ts) calls
 * `beforeApplicationShutdown`, which aborts `signal` so long-lived answers (the Server-Sent Event
 * streams, which follow it) end at once and their clients reconnect elsewhere with their
 * Last-Event-ID; readiness answers 503 from then on. Nest then closes the HTTP server: no new
 * connections, in-flight requests finish, and only after that do `onApplicationShutdown` hooks
 * close the database and Redis. A request still running after DRAIN_TIMEOUT_MS (10 s) has its
 * connection closed, so shutdown always ends.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly controller = new AbortController();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Aborted when shutdown begins: whatever holds a response open ends it then. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once shutdown has begun. */
  get draining(): boolean {
    return this.controller.signal.aborted;
  }

  beforeApplicationShutdown(): void {
    if (this.draining) return;
    this.logger.log('shutting down: ending event streams, finishing in-flight requests');
    this.controller.abort();
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    // 'close' comes once the server has stopped listening and its last connection has ended.
    let closed = false;
    server.once('close', () => (closed = true));
    setTimeout(() => {
      if (closed) return;
      this.logger.warn(
        `requests still running after ${DRAIN_TIMEOUT_MS / 1000} s: closing their connections`,
      );
      server.closeAllConnections();
    }, DRAIN_TIMEOUT_MS).unref();
  }
}

/** GracefulShutdown for every module that holds a response open. */
@Global()
@Module({ providers: [GracefulShutdown], exports: [GracefulShutdown] })
export class GracefulShutdownModule {}
