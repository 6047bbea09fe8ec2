import { sendJson } from '../../http/exchange';
import type { TokenService } from '../../oauth/tokens';
import { findUser } from '../../seed/demo-accounts';
import { requireDigitalOceanToken } from './digitalocean-auth';
import { type Realm, route } from '../../http/realm';
import { DIGITALOCEAN_REGIONS } from '../../seed/digitalocean-regions';
import { digitalOceanApiErrors } from './digitalocean-errors';
import { paginateDigitalOcean } from './pagination';

/** `https://api.digitalocean.com` under `/digitalocean/api`. */
export function digitalOceanApiRealm(tokens: TokenService): Realm {
  return {
    prefix: '/digitalocean/api',
    errors: digitalOceanApiErrors,
    routes: [
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
