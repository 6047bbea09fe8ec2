import { sendJson } from '../../http/exchange';
import type { TokenService } from '../../oauth/tokens';
import { findUser } from '../../seed/demo-accounts';
import { requireLinodeToken } from './linode-auth';
import { type Realm, route } from '../../http/realm';
import { LINODE_REGIONS } from '../../seed/linode-regions';
import { linodeApiErrors } from './linode-errors';
import { paginateLinode } from './pagination';

/** `https://api.linode.com` under `/linode/api`: v4 and v4beta serve the same resources. */
export function linodeApiRealm(tokens: TokenService): Realm {
  const routes = ['v4', 'v4beta'].flatMap((version) => [
    route('GET', `/${version}/regions`, ({ res, url }) =>
      sendJson(res, 200, paginateLinode(LINODE_REGIONS, url.searchParams)),
    ),
    route('GET', `/${version}/regions/:id`, (exchange) => {
      const region = LINODE_REGIONS.find((r) => r.id === exchange.params['id']);
      if (region) sendJson(exchange.res, 200, region);
      else linodeApiErrors.notFound(exchange);
    }),
    // Any valid token may read its own profile (SPEC security `oauth: []`).
    route('GET', `/${version}/profile`, (exchange) => {
      const grant = requireLinodeToken(exchange, tokens, null);
      const user = grant && findUser(grant.userId);
      if (!user) return;
      sendJson(exchange.res, 200, {
        username: user.username,
        email: user.email,
        uid: Number.parseInt(Buffer.from(user.id).toString('hex').slice(0, 6), 16),
        restricted: false,
        timezone: 'US/Eastern',
        email_notifications: true,
        two_factor_auth: false,
        authorized_keys: [],
        lish_auth_method: 'keys_only',
        referrals: { code: '', url: '', total: 0, completed: 0, pending: 0, credit: 0 },
        authentication_type: 'password',
        verified_phone_number: null,
      });
    }),
  ]);
  return { prefix: '/linode/api', routes, errors: linodeApiErrors };
}
