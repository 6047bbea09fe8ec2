import type { Request } from 'express';
import { METHODS } from 'node:http';

/** The `route` of a request no route answered. */
export const UNMATCHED_ROUTE = 'unmatched';

/** What routeLabel reads of Express's `req.route`. */
interface MatchedRoute {
  path?: unknown;
  /** The methods it takes: each of Node's for `app.all()`, `_all` for `route.all()`. */
  methods?: Record<string, boolean>;
}

const takesEveryMethod = (methods: Record<string, boolean> = {}) =>
  methods['_all'] === true || METHODS.every((method) => methods[method.toLowerCase()] === true);

/**
 * The route a request matched, as its pattern (`/api/deployments/:id`), never the URL it asked
 * for: a URL holds ids (one series each, without bound) and, in its query, codes and states.
 * Express sets `req.route` to the last route matched, below its router's `baseUrl`; a pattern
 * that is not a string (the SPA's render path, a RegExp) is labelled by its source.
 *
 * Everything no route answered (the SPA's static files, Nest's 404 for unknown paths, bodies the
 * parsers refused before routing) is UNMATCHED_ROUTE. That includes a route that takes every
 * method: Nest mounts module middleware (nestjs-pino's request log, `forRoutes('*')`) with
 * `app.all('/{*path}')`, ahead of every controller's route, so such a route is only one the
 * request passed through (Launchpad has no `@All()` handler).
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl'>): string {
  const route = req.route as MatchedRoute | undefined;
  if (route?.path === undefined || takesEveryMethod(route.methods)) return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ''}${String(route.path)}`;
}
