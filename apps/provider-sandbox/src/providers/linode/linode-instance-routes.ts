import { linodeAddresses } from '../../state/addresses';
import { ClientError, type Exchange, readJson, sendJson, sendRawJson } from '../../http/exchange';
import { type Route, route } from '../../http/realm';
import { findUser } from '../../seed/demo-accounts';
import type { LinodeInstanceRecord } from '../../state/sandbox-state';
import type { LinodeContext } from './linode-context';
import { validateLinodeCreate } from './linode-create';
import { requireLinodeToken } from './linode-auth';
import { linodeApiErrors } from './linode-errors';
import {
  LINODE_INSTANCE_FILTERABLE,
  linodeInstanceJson,
  linodeInstanceView,
  linodeStatus,
} from './linode-instance-view';
import { paginateLinode } from './pagination';
import { applyXFilter } from './x-filter';

function ownInstance(
  context: LinodeContext,
  exchange: Exchange,
  ownerId: string,
): LinodeInstanceRecord | undefined {
  const id = Number(exchange.params['id']);
  const record = context.store.state.linode.instances.find(
    (i) => i.id === id && i.ownerId === ownerId,
  );
  if (!record) linodeApiErrors.notFound(exchange);
  return record;
}

/** `/linode/instances`: list, create, get, delete, reboot, each with its scope (linode.md §2.6). */
export function linodeInstanceRoutes(version: string, context: LinodeContext): Route[] {
  const { store, clock, tokens } = context;
  const base = `/${version}/linode/instances`;
  const view = (record: LinodeInstanceRecord) =>
    linodeInstanceView(record, clock.now(), store.state.settings);

  return [
    route('GET', base, (exchange) => {
      const grant = requireLinodeToken(exchange, tokens, 'linodes:read_only');
      if (!grant) return;
      // The filterable fields are the record's own: filter and page records, then serialize
      // (cached per record) only the page that is sent.
      const own = store.state.linode.instances.filter((i) => i.ownerId === grant.userId);
      const filter = exchange.req.headers['x-filter'] as string | undefined;
      const page = paginateLinode(
        applyXFilter(own, filter, LINODE_INSTANCE_FILTERABLE),
        exchange.url.searchParams,
      );
      const now = clock.now();
      const data = page.data.map((record) => linodeInstanceJson(record, now, store.state.settings));
      sendRawJson(
        exchange.res,
        200,
        `{"data":[${data.join(',')}],"page":${page.page},"pages":${page.pages},"results":${page.results}}`,
      );
    }),
    route('POST', base, async (exchange) => {
      const grant = requireLinodeToken(exchange, tokens, 'linodes:read_write');
      if (!grant) return;
      const limit = context.createLimiter.hit(grant.accessToken, clock.now());
      exchange.res.setHeader('X-RateLimit-Limit', String(context.createLimiter.limit));
      exchange.res.setHeader('X-RateLimit-Remaining', String(limit.remaining));
      exchange.res.setHeader('X-RateLimit-Reset', String(limit.resetAt));
      if (!limit.allowed) {
        exchange.res.setHeader('Retry-After', String(limit.retryAfter));
        throw new ClientError(429, 'Too many requests');
      }
      const { input, errors } = validateLinodeCreate(readJson(exchange));
      if (!input) return sendJson(exchange.res, 400, { errors });
      const state = store.state.linode;
      const label = input.label ?? `${input.region}-${state.nextId % 100000}`;
      if (state.instances.some((i) => i.ownerId === grant.userId && i.label === label)) {
        return sendJson(exchange.res, 400, {
          errors: [{ reason: 'Label must be unique among your linodes', field: 'label' }],
        });
      }
      const id = state.nextId++;
      const record: LinodeInstanceRecord = {
        id,
        ownerId: grant.userId,
        label,
        group: input.group,
        type: input.type,
        region: input.region,
        image: input.image,
        tags: input.tags,
        ...linodeAddresses(id),
        createdAt: clock.now(),
        booted: input.booted,
        rebootedAt: null,
        stackscriptId: input.stackscriptId,
        hasUserData: input.hasUserData,
      };
      state.instances.push(record);
      store.changed();
      sendJson(exchange.res, 200, view(record));
    }),
    route('GET', `${base}/:id`, (exchange) => {
      const grant = requireLinodeToken(exchange, tokens, 'linodes:read_only');
      const record = grant && ownInstance(context, exchange, grant.userId);
      if (record) sendJson(exchange.res, 200, view(record));
    }),
    route('DELETE', `${base}/:id`, (exchange) => {
      const grant = requireLinodeToken(exchange, tokens, 'linodes:read_write');
      const record = grant && ownInstance(context, exchange, grant.userId);
      if (!record) return;
      store.state.linode.instances = store.state.linode.instances.filter((i) => i !== record);
      store.changed();
      sendJson(exchange.res, 200, {});
    }),
    route('POST', `${base}/:id/reboot`, async (exchange) => {
      const grant = requireLinodeToken(exchange, tokens, 'linodes:read_write');
      const record = grant && ownInstance(context, exchange, grant.userId);
      if (!record) return;
      readJson(exchange);
      const status = linodeStatus(record, clock.now(), store.state.settings);
      if (status !== 'running' && status !== 'offline') throw new ClientError(400, 'Linode busy.');
      record.booted = true;
      record.rebootedAt = clock.now();
      store.changed();
      sendJson(exchange.res, 200, {});
    }),
    // Unrestricted users have no grants: 204 No Content (linode.md §2.6).
    route('GET', `/${version}/profile/grants`, (exchange) => {
      const grant = requireLinodeToken(exchange, tokens, null);
      if (!grant || !findUser(grant.userId)) return;
      exchange.res.writeHead(204);
      exchange.res.end();
    }),
  ];
}
