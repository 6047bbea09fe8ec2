import { dropletAddresses } from '../../state/addresses';
import { type Exchange, readJson, sendJson } from '../../http/exchange';
import { type Route, route } from '../../http/realm';
import type { TokenService } from '../../oauth/tokens';
import type { SandboxClock } from '../../state/clock';
import type { DropletActionRecord, DropletRecord } from '../../state/sandbox-state';
import type { StateStore } from '../../state/state-store';
import { requireDigitalOceanToken } from './digitalocean-auth';
import { digitalOceanApiErrors } from './digitalocean-errors';
import { validateDropletCreate } from './droplet-create';
import { actionCompleted, actionView, dropletView } from './droplet-view';
import { paginateDigitalOcean } from './pagination';

const POWER_ACTIONS = ['reboot', 'power_cycle', 'shutdown', 'power_off', 'power_on'] as const;
type PowerAction = (typeof POWER_ACTIONS)[number];

/** `/v2/droplets`, its actions and `/v2/actions/{id}` (do.md §2.4, §2.8). */
export function dropletRoutes(
  store: StateStore,
  clock: SandboxClock,
  tokens: TokenService,
): Route[] {
  const state = () => store.state.digitalocean;
  const view = (record: DropletRecord) =>
    dropletView(record, clock.now(), store.state.settings, state().actions);
  const unprocessable = (exchange: Exchange, message: string) =>
    digitalOceanApiErrors.render(exchange, 422, message);
  const own = (exchange: Exchange, ownerId: string) => {
    const record = state().droplets.find(
      (d) => d.id === Number(exchange.params['id']) && d.ownerId === ownerId,
    );
    if (!record) digitalOceanApiErrors.notFound(exchange);
    return record;
  };
  const startAction = (
    record: DropletRecord,
    type: DropletActionRecord['type'],
    durationSeconds: number,
  ) => {
    const action: DropletActionRecord = {
      id: state().nextActionId++,
      ownerId: record.ownerId,
      dropletId: record.id,
      type,
      region: record.region,
      startedAt: clock.now(),
      durationSeconds,
    };
    state().actions.push(action);
    return action;
  };

  return [
    route('GET', '/v2/droplets', (exchange) => {
      const grant = requireDigitalOceanToken(exchange, tokens, ['droplet:read']);
      if (!grant) return;
      const query = exchange.url.searchParams;
      const tag = query.get('tag_name');
      const name = query.get('name')?.toLowerCase();
      const droplets = state().droplets.filter(
        (d) =>
          d.ownerId === grant.userId &&
          (!tag || d.tags.includes(tag)) &&
          (!name || d.name.toLowerCase() === name),
      );
      const { items, links, meta } = paginateDigitalOcean(droplets.map(view), exchange.url);
      sendJson(exchange.res, 200, { droplets: items, links, meta });
    }),
    route('POST', '/v2/droplets', async (exchange) => {
      const grant = requireDigitalOceanToken(exchange, tokens, ['droplet:create']);
      if (!grant) return;
      const input = validateDropletCreate(readJson(exchange));
      if (typeof input === 'string') return unprocessable(exchange, input);
      if (state().droplets.filter((d) => d.ownerId === grant.userId).length >= 25) {
        return unprocessable(
          exchange,
          'creating this/these droplet(s) will exceed your droplet limit',
        );
      }
      const id = state().nextId++;
      const record: DropletRecord = {
        id,
        ownerId: grant.userId,
        name: input.name,
        size: input.size,
        region: input.region,
        image: input.image,
        tags: input.tags,
        ...dropletAddresses(id),
        createdAt: clock.now(),
        powered: true,
        actionAt: null,
        userData: input.userData,
      };
      state().droplets.push(record);
      const action = startAction(record, 'create', store.state.settings.provisionSeconds);
      store.changed();
      const href = `${exchange.url.origin}/digitalocean/api/v2/actions/${action.id}`;
      sendJson(exchange.res, 202, {
        droplet: view(record),
        links: { actions: [{ id: action.id, rel: 'create', href }] },
      });
    }),
    route('GET', '/v2/droplets/:id', (exchange) => {
      const grant = requireDigitalOceanToken(exchange, tokens, ['droplet:read']);
      const record = grant && own(exchange, grant.userId);
      if (record) sendJson(exchange.res, 200, { droplet: view(record) });
    }),
    route('DELETE', '/v2/droplets/:id', (exchange) => {
      const grant = requireDigitalOceanToken(exchange, tokens, ['droplet:delete']);
      const record = grant && own(exchange, grant.userId);
      if (!record) return;
      state().droplets = state().droplets.filter((d) => d !== record);
      store.changed();
      exchange.res.writeHead(204);
      exchange.res.end();
    }),
    route('POST', '/v2/droplets/:id/actions', async (exchange) => {
      const grant = requireDigitalOceanToken(exchange, tokens, ['droplet:update']);
      const record = grant && own(exchange, grant.userId);
      if (!record) return;
      const body = readJson(exchange);
      const type = (body as { type?: unknown } | null)?.type;
      if (!POWER_ACTIONS.includes(type as PowerAction)) {
        return unprocessable(
          exchange,
          `The action type must be one of ${POWER_ACTIONS.join(', ')} in the sandbox.`,
        );
      }
      // locked: an action is in progress, and a new one fails with 422 (do.md §2.6).
      if (
        state().actions.some((a) => a.dropletId === record.id && !actionCompleted(a, clock.now()))
      ) {
        return unprocessable(exchange, 'Droplet already has a pending event.');
      }
      const powerType = type as PowerAction;
      record.powered = powerType !== 'power_off' && powerType !== 'shutdown';
      record.actionAt = record.powered ? clock.now() : null;
      const action = startAction(
        record,
        powerType === 'reboot' || powerType === 'power_cycle'
          ? 'reboot'
          : powerType === 'power_on'
            ? 'power_on'
            : 'power_off',
        store.state.settings.bootSeconds,
      );
      store.changed();
      sendJson(exchange.res, 201, { action: actionView(action, clock.now()) });
    }),
    route('GET', '/v2/droplets/:id/actions', (exchange) => {
      const grant = requireDigitalOceanToken(exchange, tokens, ['droplet:read']);
      const record = grant && own(exchange, grant.userId);
      if (!record) return;
      const actions = state()
        .actions.filter((a) => a.dropletId === record.id)
        .map((a) => actionView(a, clock.now()));
      const { items, links, meta } = paginateDigitalOcean(actions, exchange.url);
      sendJson(exchange.res, 200, { actions: items, links, meta });
    }),
    route('GET', '/v2/actions/:id', (exchange) => {
      const grant = requireDigitalOceanToken(exchange, tokens, ['actions:read']);
      if (!grant) return;
      const action = state().actions.find(
        (a) => a.id === Number(exchange.params['id']) && a.ownerId === grant.userId,
      );
      if (!action) return digitalOceanApiErrors.notFound(exchange);
      sendJson(exchange.res, 200, { action: actionView(action, clock.now()) });
    }),
  ];
}
