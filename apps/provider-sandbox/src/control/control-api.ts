import { ClientError, type Exchange, readJson, sendJson } from '../http/exchange';
import { type Realm, route } from '../http/realm';
import type { TokenService } from '../oauth/tokens';
import type { SandboxClock } from '../state/clock';
import { DEFAULT_SETTINGS, type Settings } from '../state/sandbox-state';
import type { StateStore } from '../state/state-store';
import { type BulkSeed, seedBulkServers, seedDemoServers } from './demo-servers';
import { findUser } from '../seed/demo-accounts';
import { type FaultInjector, sendFaults } from './faults';

export const controlErrors = {
  render({ res }: Exchange, status: number, message: string) {
    sendJson(res, status, { error: message });
  },
  notFound(exchange: Exchange) {
    this.render(exchange, 404, `Not found: ${exchange.url.pathname}`);
  },
};

export interface ControlContext {
  startedAt: number;
  store: StateStore;
  clock: SandboxClock;
  faults: FaultInjector;
  tokens: TokenService;
}

function positiveSeconds(body: Record<string, unknown>, key: keyof Settings): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 315_360_000) {
    throw new ClientError(400, `${key} must be a whole number of seconds between 1 and 315360000`);
  }
  return value;
}

async function objectBody(exchange: Exchange): Promise<Record<string, unknown>> {
  const body = readJson(exchange);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ClientError(400, 'The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function bulkSeed(body: Record<string, unknown>): BulkSeed {
  const {
    count,
    linodeOwner = 'linode-ada',
    dropletOwner = 'b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
  } = body;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10_000) {
    throw new ClientError(400, 'count must be a whole number between 1 and 10000');
  }
  const owner = (id: unknown, provider: string) => {
    const user = typeof id === 'string' ? findUser(id) : undefined;
    if (user?.provider !== provider)
      throw new ClientError(400, `Unknown ${provider} demo user: ${String(id)}`);
    return user.id;
  };
  return {
    count,
    linodeOwner: owner(linodeOwner, 'linode'),
    dropletOwner: owner(dropletOwner, 'digitalocean'),
  };
}

/** `/_sandbox`: the sandbox's own control surface for tests and demos. */
export function controlRealm({ startedAt, store, clock, faults, tokens }: ControlContext): Realm {
  return {
    prefix: '/_sandbox',
    errors: controlErrors,
    routes: [
      route('GET', '/health', ({ res }) =>
        sendJson(res, 200, {
          status: 'ok',
          uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
        }),
      ),
      // Wipes every code, token and resource and restores the default settings and clock.
      route('POST', '/reset', ({ res }) => {
        store.reset();
        clock.reset();
        faults.clear();
        sendJson(res, 200, { status: 'reset' });
      }),
      // No body: a few demo servers for ada and Sammy. {"count": N, …}: N each, for benchmarks.
      route('POST', '/seed', async (exchange) => {
        const body = await objectBody(exchange);
        const seeded =
          body['count'] === undefined
            ? seedDemoServers(store.state, clock.now())
            : seedBulkServers(store.state, clock.now(), bulkSeed(body));
        store.changed();
        sendJson(exchange.res, 201, { seeded });
      }),
      route('GET', '/settings', ({ res }) => sendJson(res, 200, store.state.settings)),
      // Shorter token lifetimes exercise Launchpad's refresh logic.
      route('PATCH', '/settings', async (exchange) => {
        const body = await objectBody(exchange);
        const unknown = Object.keys(body).filter((key) => !(key in DEFAULT_SETTINGS));
        if (unknown.length > 0)
          throw new ClientError(400, `Unknown setting: ${unknown.join(', ')}`);
        const settings = store.state.settings;
        for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
          settings[key] = positiveSeconds(body, key) ?? settings[key];
        }
        store.changed();
        sendJson(exchange.res, 200, settings);
      }),
      route('GET', '/faults', (exchange) => sendFaults(exchange, faults.list())),
      route('POST', '/faults', async (exchange) => {
        const fault = faults.add(await objectBody(exchange));
        sendJson(exchange.res, 201, fault);
      }),
      route('DELETE', '/faults', (exchange) => {
        faults.clear();
        sendFaults(exchange, []);
      }),
      route('DELETE', '/faults/:id', (exchange) => {
        if (!faults.remove(exchange.params['id'] ?? '')) return controlErrors.notFound(exchange);
        sendFaults(exchange, faults.list());
      }),
      // Every grant the OAuth servers issued (tokens included: this is the emulator's own control
      // surface, for tests that check a token was revoked or never reached a browser), and the
      // count of token endpoint calls by grant type and outcome.
      route('GET', '/grants', ({ res, url }) =>
        sendJson(
          res,
          200,
          tokens.auditReport({
            provider: url.searchParams.get('provider') ?? undefined,
            userId: url.searchParams.get('user') ?? undefined,
          }),
        ),
      ),
      // What a droplet's metadata service would give cloud-init (DigitalOcean's
      // 169.254.169.254/metadata/v1/user-data): the user data it was created with, as sent.
      route('GET', '/digitalocean/droplets/:id/user-data', (exchange) => {
        const id = Number(exchange.params['id']);
        const droplet = store.state.digitalocean.droplets.find((d) => d.id === id);
        if (!droplet?.userData) return controlErrors.notFound(exchange);
        exchange.res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        exchange.res.end(droplet.userData);
      }),
      route('GET', '/clock', ({ res }) =>
        sendJson(res, 200, {
          now: new Date(clock.now()).toISOString(),
          offsetSeconds: clock.offsetSeconds,
        }),
      ),
      // Moves simulated time forward: tokens expire, servers finish booting.
      route('POST', '/clock/advance', async (exchange) => {
        const seconds = (await objectBody(exchange))['seconds'];
        if (
          typeof seconds !== 'number' ||
          !Number.isFinite(seconds) ||
          seconds <= 0 ||
          seconds > 315_360_000
        ) {
          throw new ClientError(400, 'seconds must be a positive number of seconds');
        }
        clock.advance(seconds);
        sendJson(exchange.res, 200, {
          now: new Date(clock.now()).toISOString(),
          offsetSeconds: clock.offsetSeconds,
        });
      }),
    ],
  };
}
