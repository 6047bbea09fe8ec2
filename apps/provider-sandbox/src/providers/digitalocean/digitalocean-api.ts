import { sendJson } from '../../http/exchange';
import { type Realm, route } from '../../http/realm';
import { DIGITALOCEAN_REGIONS } from '../../seed/digitalocean-regions';
import { digitalOceanApiErrors } from './digitalocean-errors';
import { paginateDigitalOcean } from './pagination';

/** `https://api.digitalocean.com` under `/digitalocean/api`. */
export function digitalOceanApiRealm(): Realm {
  return {
    prefix: '/digitalocean/api',
    errors: digitalOceanApiErrors,
    routes: [
      route('GET', '/v2/regions', ({ res, url }) => {
        const { items, links, meta } = paginateDigitalOcean(DIGITALOCEAN_REGIONS, url);
        sendJson(res, 200, { regions: items, links, meta });
      }),
    ],
  };
}
