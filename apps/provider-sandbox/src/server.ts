import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxConfig } from './config';
import { controlErrors, controlRealm } from './control/control-api';
import { FaultInjector, actOut } from './control/faults';
import { ClientError, type Exchange, readBody } from './http/exchange';
import type { Realm } from './http/realm';
import { Router } from './http/router';
import { digitalOceanApiRealm } from './providers/digitalocean/digitalocean-api';
import { linodeApiRealm } from './providers/linode/linode-api';
import { linodeContext } from './providers/linode/linode-context';
import { digitalOceanOAuthRealm } from './oauth/digitalocean-oauth';
import { linodeLoginRealm } from './oauth/linode-login';
import { TokenService } from './oauth/tokens';
import { SandboxClock } from './state/clock';
import { StateStore } from './state/state-store';

export interface SandboxServer {
  server: Server;
  store: StateStore;
  clock: SandboxClock;
  tokens: TokenService;
  faults: FaultInjector;
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/**
 * The provider sandbox: one origin, one realm per emulated service. Nothing a client sends can
 * crash it: unknown paths, wrong methods, bad bodies and handler failures all answer in the
 * emulated provider's own error shape.
 */
export function createSandboxServer(
  config: SandboxConfig,
  extraRealms: Realm[] = [],
): SandboxServer {
  const startedAt = Date.now();
  const store = new StateStore(config.dataDir);
  const clock = new SandboxClock();
  const tokens = new TokenService(store, clock);
  const faults = new FaultInjector();
  const router = new Router([
    controlRealm({ startedAt, store, clock, faults, tokens }),
    linodeLoginRealm(tokens),
    digitalOceanOAuthRealm(tokens),
    linodeApiRealm(linodeContext(store, clock, tokens)),
    digitalOceanApiRealm(store, clock, tokens),
    ...extraRealms,
  ]);

  const server = createServer((req, res) => {
    const started = performance.now();
    if (config.log === 'requests') {
      res.on('finish', () => logRequest(req, res, started));
    }
    void handle(router, faults, req, res);
  });
  // Keep-alive like the real APIs (their load balancers keep idle connections for about a minute),
  // so benchmarks measure the sandbox and not TCP set-up. A short timeout races with clients whose
  // event loop is busy: fetch reuses a socket the sandbox has just closed ("other side closed").
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  return {
    server,
    store,
    clock,
    tokens,
    faults,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          resolve({ port, url: `http://${config.host}:${port}` });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        store.flush();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

async function handle(
  router: Router,
  faults: FaultInjector,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const exchange: Exchange = {
    req,
    res,
    url,
    path: url.pathname,
    params: {},
    body: Buffer.alloc(0),
  };
  let renderer = controlErrors as Realm['errors'];
  try {
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (match.realm) renderer = match.realm.errors;
    const body = await readBody(req);
    if (body === undefined) {
      res.setHeader('Connection', 'close');
      return renderer.render(exchange, 413, 'Request body too large');
    }
    exchange.body = body;
    match.realm?.decorate?.(exchange);
    // The control API itself is never faulted, so tests can always clear what they injected.
    const fault = url.pathname.startsWith('/_sandbox')
      ? undefined
      : faults.take(req.method ?? 'GET', url.pathname);
    if (fault && (await actOut(fault, exchange, renderer))) return;
    exchange.path = match.path;
    if (match.kind === 'not-found') return renderer.notFound(exchange);
    if (match.kind === 'method-not-allowed') {
      res.setHeader('Allow', match.allowed.join(', '));
      return renderer.render(exchange, 405, 'Method not allowed');
    }
    exchange.params = match.params;
    await match.handler(exchange);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
    } else if (error instanceof ClientError) {
      renderer.render(exchange, error.status, error.message, error.field);
    } else if (error instanceof URIError) {
      renderer.render(exchange, 400, 'Malformed URL');
    } else {
      process.stderr.write(
        `${JSON.stringify({ level: 'error', msg: 'handler failed', path: url.pathname, error: String((error as Error)?.stack ?? error) })}\n`,
      );
      renderer.render(exchange, 500, 'Internal server error');
    }
  }
}

function logRequest(req: IncomingMessage, res: ServerResponse, started: number): void {
  process.stdout.write(
    `${JSON.stringify({
      time: new Date().toISOString(),
      method: req.method,
      path: (req.url ?? '').split('?')[0],
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })}\n`,
  );
}
