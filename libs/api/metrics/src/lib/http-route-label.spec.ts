import express from 'express';
import { UNMATCHED_ROUTE, routeLabel } from './http-route-label';

/** `req.route` as Express's router sets it for `path` registered by `register`. */
function routeOf(register: (app: express.Express, path: string) => void, path: string): unknown {
  const app = express();
  register(app, path);
  const layer = (app.router as unknown as { stack: { route?: unknown }[] }).stack.find(
    (l) => l.route,
  );
  return layer?.route;
}

describe('routeLabel', () => {
  const labelOf = (route: unknown, baseUrl = '') => routeLabel({ route, baseUrl });
  const noop = () => undefined;

  it('is the pattern of the route that answered, below its router', () => {
    const get = routeOf((app, path) => app.get(path, noop), '/api/deployments/:id');
    expect(labelOf(get)).toBe('/api/deployments/:id');
    const remove = routeOf((app, path) => app.delete(path, noop), '/:id');
    expect(labelOf(remove, '/api/accounts')).toBe('/api/accounts/:id');
  });

  it('is the source of a RegExp pattern, bounded like any route', () => {
    expect(labelOf({ path: /^\/(?!api)/, methods: { get: true } })).toBe('/^\\/(?!api)/');
  });

  it('is unmatched without a route, or with only a route for every method (Nest middleware)', () => {
    expect(labelOf(undefined)).toBe(UNMATCHED_ROUTE);
    expect(labelOf(routeOf((app, path) => app.all(path, noop), '/{*path}'))).toBe(UNMATCHED_ROUTE);
    expect(labelOf(routeOf((app, path) => app.route(path).all(noop), '/{*path}'))).toBe(
      UNMATCHED_ROUTE,
    );
  });
});
