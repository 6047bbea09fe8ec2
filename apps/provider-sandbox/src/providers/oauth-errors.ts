import { type Exchange, sendJson } from '../http/exchange';
import type { ErrorRenderer } from '../http/realm';

const CODES: Record<number, string> = {
  401: 'invalid_client',
  404: 'not_found',
  405: 'invalid_request',
};

/** OAuth servers answer RFC 6749 §5.2 `{error, error_description}` (both providers do). */
export const oauthErrors: ErrorRenderer = {
  render({ res }: Exchange, status: number, description: string) {
    sendJson(
      res,
      status,
      {
        error: CODES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request'),
        error_description: description,
      },
      { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  },
  notFound(exchange: Exchange) {
    this.render(exchange, 404, 'Not found');
  },
};
