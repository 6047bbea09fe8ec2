import type { Exchange, Handler } from './exchange';
import type { Realm, Route } from './realm';

interface CompiledRoute {
  method: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export type Match =
  | { kind: 'route'; realm: Realm; handler: Handler; params: Record<string, string>; path: string }
  | { kind: 'method-not-allowed'; realm: Realm; path: string; allowed: string[] }
  | { kind: 'not-found'; realm?: Realm; path: string };

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return {
    method: route.method,
    regex: new RegExp(`^${source}/?$`),
    names,
    handler: route.handler,
  };
}

/** Dispatches by longest matching realm prefix, then by path and method. */
export class Router {
  private readonly realms: { realm: Realm; routes: CompiledRoute[] }[];

  constructor(realms: Realm[]) {
    this.realms = [...realms]
      .sort((a, b) => b.prefix.length - a.prefix.length)
      .map((realm) => ({ realm, routes: realm.routes.map(compile) }));
  }

  match(method: string, pathname: string): Match {
    const entry = this.realms.find(
      ({ realm }) => pathname === realm.prefix || pathname.startsWith(`${realm.prefix}/`),
    );
    if (!entry) return { kind: 'not-found', path: pathname };
    const path = pathname.slice(entry.realm.prefix.length) || '/';
    const allowed: string[] = [];
    for (const candidate of entry.routes) {
      const found = candidate.regex.exec(path);
      if (!found) continue;
      if (candidate.method !== method && !(method === 'HEAD' && candidate.method === 'GET')) {
        allowed.push(candidate.method);
        continue;
      }
      const params = Object.fromEntries(
        candidate.names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]),
      );
      return { kind: 'route', realm: entry.realm, handler: candidate.handler, params, path };
    }
    return allowed.length > 0
      ? { kind: 'method-not-allowed', realm: entry.realm, path, allowed }
      : { kind: 'not-found', realm: entry.realm, path };
  }
}

export type { Exchange };
