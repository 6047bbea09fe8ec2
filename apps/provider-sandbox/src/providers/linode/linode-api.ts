import { sendJson } from '../../http/exchange';
import { type Realm, route } from '../../http/realm';
import { LINODE_REGIONS } from '../../seed/linode-regions';
import { linodeApiErrors } from './linode-errors';
import { paginateLinode } from './pagination';

/** `https://api.linode.com` under `/linode/api`: v4 and v4beta serve the same resources. */
export function linodeApiRealm(): Realm {
  const routes = ['v4', 'v4beta'].flatMap((version) => [
    route('GET', `/${version}/regions`, ({ res, url }) =>
      sendJson(res, 200, paginateLinode(LINODE_REGIONS, url.searchParams)),
    ),
    route('GET', `/${version}/regions/:id`, (exchange) => {
      const region = LINODE_REGIONS.find((r) => r.id === exchange.params['id']);
      if (region) sendJson(exchange.res, 200, region);
      else linodeApiErrors.notFound(exchange);
    }),
  ]);
  return { prefix: '/linode/api', routes, errors: linodeApiErrors };
}
