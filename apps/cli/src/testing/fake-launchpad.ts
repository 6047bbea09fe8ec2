import type { ApiErrorBody } from '@launchpad/shared-api-types';
import { type IncomingHttpHeaders, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received. */
export interface Received {
  method: string;
  /** The path with its query string. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one request; `index` counts the requests to the same route, from 0. */
export type Route = (req: Received, res: ServerResponse, index: number) => void;

export interface FakeLaunchpad {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * A real HTTP server that answers like Launchpad on the routes given (`'GET /api/servers'`,
 * matched without the query string) and with Launchpad's 404 body elsewhere; it records every
 * request, so a test can say what the CLI sent, or that it sent nothing.
 */
export async function fakeLaunchpad(routes: Record<string, Route>): Promise<FakeLaunchpad> {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(request);
      const key = `${request.method} ${request.url.split('?')[0]}`;
      const route = routes[key];
      const index = counts.get(key) ?? 0;
      counts.set(key, index + 1);
      if (route) route(request, res, index);
      else apiError(res, 404, 'not_found', `No endpoint ${key}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Launchpad's error body (ApiErrorBody), request id `req-test`. */
export function apiError(
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
): void {
  const body: ApiErrorBody = { statusCode: status, error, message, requestId: 'req-test' };
  json(res, status, body);
}
