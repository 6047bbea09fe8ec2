import type { Exchange, Handler } from './exchange';

/**
 * A provider surface mounted under one prefix (e.g. `/linode/api`), with its routes and the
 * error shape that provider really uses, so that even a 404 looks like the real service's.
 */
export interface Realm {
  prefix: string;
  routes: Route[];
  errors: ErrorRenderer;
  /** Headers every answer of this service carries (rate-limit, spec version, CORS). */
  decorate?: (exchange: Exchange) => void;
}

export interface ErrorRenderer {
  /** Renders a client or server error in the provider's shape. */
  render(exchange: Exchange, status: number, message: string, field?: string): void;
  notFound(exchange: Exchange): void;
}

export interface Route {
  method: string;
  /** Path below the prefix; `:name` segments become params. */
  pattern: string;
  handler: Handler;
}

export function route(method: string, pattern: string, handler: Handler): Route {
  return { method, pattern, handler };
}
