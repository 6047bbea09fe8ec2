import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Counter, Histogram, Registry } from 'prom-client';
import { routeLabel } from './http-route-label';

/**
 * `http_requests_total{method,route,status}` and `http_request_duration_seconds{method,route}`
 * (a histogram of the seconds from the request's arrival to the last byte of its answer handed to
 * the socket), `route` being the matched route's pattern or `unmatched` (routeLabel).
 *
 * Measured from the HTTP server's `request` event (Node's documented hook, as answerClientErrors
 * uses `clientError`), a listener beside Express's, put first so that its clock starts before
 * Express sees the request. Neither an interceptor nor a Nest middleware would see every answer:
 * an interceptor runs after the guards (a 401, a 429 from the rate limits never reach it), and
 * Nest applies module middleware at `init()`, after configureHttp's own (request ids, helmet,
 * the body parsers), so a body refused with 400, 413 or 415 would go uncounted. An answer is
 * counted when it has been sent (`finish`): a request whose client left first is not, and an
 * event stream counts when it ends. What Node's parser refuses never becomes a request.
 */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;

  constructor(
    registry: Registry,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Seconds from the arrival of an HTTP request to the end of its answer, by method and route pattern.',
      labelNames: ['method', 'route'],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    // An application context without HTTP (no adapter) has nothing to measure.
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.prependListener('request', (req: IncomingMessage, res: ServerResponse) =>
      this.measure(req, res),
    );
  }

  private measure(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    res.once('finish', () => {
      const method = req.method ?? 'UNKNOWN';
      // Express decorates this very object: by now it knows the route that answered.
      const route = routeLabel(req as Request);
      this.requests.inc({ method, route, status: String(res.statusCode) });
      this.duration.observe({ method, route }, (performance.now() - started) / 1000);
    });
  }
}
