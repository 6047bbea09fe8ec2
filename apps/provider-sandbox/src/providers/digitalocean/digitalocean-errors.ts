import { randomUUID } from 'node:crypto';
import { type Exchange, sendJson } from '../../http/exchange';
import type { ErrorRenderer } from '../../http/realm';

const IDS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'request_entity_too_large',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  500: 'server_error',
};

/** DigitalOcean API v2 errors: `{id, message, request_id}` (reference digitalocean.md §2.1). */
export const digitalOceanApiErrors: ErrorRenderer = {
  render({ res }: Exchange, status: number, message: string) {
    const requestId = randomUUID();
    sendJson(
      res,
      status,
      {
        id: IDS[status] ?? (status >= 500 ? 'server_error' : 'bad_request'),
        message,
        request_id: requestId,
      },
      { 'x-request-id': requestId },
    );
  },
  notFound(exchange: Exchange) {
    this.render(exchange, 404, 'The resource you requested could not be found.');
  },
};
