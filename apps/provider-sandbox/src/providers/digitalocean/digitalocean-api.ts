import { type Exchange, sendJson } from '../../http/exchange';
import type { SandboxClock } from '../../state/clock';
import type { StateStore } from '../../state/state-store';
import { DIGITALOCEAN_IMAGES, DIGITALOCEAN_SIZES } from '../../seed/digitalocean-catalog';
import { dropletRoutes } from './droplet-routes';
import type { TokenService } from '../../oauth/tokens';
import { findUser } from '../../seed/demo-accounts';
import { requireDigitalOceanToken } from './digitalocean-auth';
import { type Realm, route } from '../../http/realm';
import { DIGITALOCEAN_REGIONS } from '../../seed/digitalocean-regions';
import { digitalOceanApiErrors } from './digitalocean-errors';
import { paginateDigitalOcean } from './pagination';

/** Every answer reports the hourly limit (do.md §2.3); the sandbox reports it without enforcing it. */
function digitalOceanHeaders({ res }: Exchange): void {
  res.setHeader('ratelimit-limit', '5000');
  res.setHeader('ratelimit-remaining', '4999');
  res.setHeader('ratelimit-reset', String(Math.ceil(Date.now() / 1000) + 3600));
}

/** `https://api.digitalocean.com` under `/digitalocean/api`. */
export function digitalOceanApiRealm(
  store: StateStore,
  clock: SandboxClock,
  tokens: TokenService,
): Realm {
  return {
    prefix: '/digitalocean/api',
    errors: digitalOceanApiErrors,
    decorate: digitalOceanHeaders,
    routes: [
      ...dropletRoutes(store, clock, tokens),
      route('GET', '/v2/sizes', (exchange) => {
        if (!requireDigitalOceanToken(exchange, tokens, ['sizes:read'])) return;
        const { items, links, meta } = paginateDigitalOcean(DIGITALOCEAN_SIZES, exchange.url);
        sendJson(exchange.res, 200, { sizes: items, links, meta });
      }),
      route('GET', '/v2/images', (exchange) => {
        if (!requireDigitalOceanToken(exchange, tokens, ['image:read'])) return;
        const type = exchange.url.searchParams.get('type');
        // Only distribution images are seeded; application images would be a later addition.
        const images = type === null || type === 'distribution' ? DIGITALOCEAN_IMAGES : [];
        const { items, links, meta } = paginateDigitalOcean(images, exchange.url);
        sendJson(exchange.res, 200, { images: items, links, meta });
      }),
      route('GET', '/v2/regions', (exchange) => {
        if (!requireDigitalOceanToken(exchange, tokens, ['regions:read'])) return;
        const { items, links, meta } = paginateDigitalOcean(DIGITALOCEAN_REGIONS, exchange.url);
        sendJson(exchange.res, 200, { regions: items, links, meta });
      }),
      route('GET', '/v2/account', (exchange) => {
        const grant = requireDigitalOceanToken(exchange, tokens, ['account:read']);
        const user = grant && findUser(grant.userId);
        if (!user) return;
        sendJson(exchange.res, 200, {
          account: {
            droplet_limit: 25,
            floating_ip_limit: 5,
            volume_limit: 100,
            email: user.email,
            name: user.username,
            uuid: user.id,
            email_verified: true,
            status: 'active',
            status_message: '',
            team: user.team ? { uuid: user.team.uuid, name: user.team.name } : undefined,
          },
        });
      }),
    ],
  };
}
