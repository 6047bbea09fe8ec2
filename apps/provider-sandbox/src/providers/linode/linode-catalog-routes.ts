import { type Exchange, sendJson } from '../../http/exchange';
import { type Route, route } from '../../http/realm';
import { LINODE_IMAGES, LINODE_STACKSCRIPTS, LINODE_TYPES } from '../../seed/linode-catalog';
import { LINODE_REGIONS } from '../../seed/linode-regions';
import { linodeApiErrors } from './linode-errors';
import { paginateLinode } from './pagination';
import { applyXFilter } from './x-filter';

/** Public catalog endpoints: no token needed (linode.md §2.6). */
function collection<T extends object>(
  path: string,
  items: T[],
  filterable: readonly string[],
  idOf: (item: T) => string,
): Route[] {
  return [
    route('GET', path, ({ req, res, url }: Exchange) => {
      const filtered = applyXFilter(
        items,
        req.headers['x-filter'] as string | undefined,
        filterable,
      );
      sendJson(res, 200, paginateLinode(filtered, url.searchParams));
    }),
    route('GET', `${path}/:id`, (exchange: Exchange) => {
      const item = items.find((candidate) => idOf(candidate) === exchange.params['id']);
      if (item) sendJson(exchange.res, 200, item);
      else linodeApiErrors.notFound(exchange);
    }),
  ];
}

export function linodeCatalogRoutes(version: string): Route[] {
  return [
    ...collection(
      `/${version}/linode/types`,
      LINODE_TYPES,
      ['class', 'disk', 'gpus', 'label', 'memory', 'network_out', 'transfer', 'vcpus'],
      (t) => t.id,
    ),
    ...collection(`/${version}/regions`, LINODE_REGIONS, ['country', 'site_type'], (r) => r.id),
    // Image ids contain a slash (`linode/debian12`): the router matches one segment, so add the pair.
    route('GET', `/${version}/images`, ({ req, res, url }) => {
      const filtered = applyXFilter(LINODE_IMAGES, req.headers['x-filter'] as string | undefined, [
        'deprecated',
        'is_public',
        'label',
        'size',
        'status',
        'tags',
        'type',
        'vendor',
      ]);
      sendJson(res, 200, paginateLinode(filtered, url.searchParams));
    }),
    route('GET', `/${version}/images/:namespace/:name`, (exchange) => {
      const image = LINODE_IMAGES.find(
        (i) => i.id === `${exchange.params['namespace']}/${exchange.params['name']}`,
      );
      if (image) sendJson(exchange.res, 200, image);
      else linodeApiErrors.notFound(exchange);
    }),
    ...collection(
      `/${version}/linode/stackscripts`,
      LINODE_STACKSCRIPTS,
      ['deployments_total', 'description', 'is_public', 'label', 'mine', 'rev_note'],
      (s) => String(s.id),
    ),
  ];
}
