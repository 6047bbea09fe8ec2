import { createHash } from 'node:crypto';
import { type Exchange, sendJson } from '../../http/exchange';
import { findUser } from '../../seed/demo-accounts';
import { requireLinodeToken } from './linode-auth';
import { type Realm, route } from '../../http/realm';
import { linodeApiErrors } from './linode-errors';
import { linodeCatalogRoutes } from './linode-catalog-routes';
import type { LinodeContext } from './linode-context';
import { linodeInstanceRoutes } from './linode-instance-routes';

/** Headers of every Linode API answer (linode.md §2.5); the general limit is reported, not enforced. */
function linodeHeaders({ res }: Exchange): void {
  res.setHeader('X-Spec-Version', '4.189.0');
  res.setHeader('Vary', 'Authorization, X-Filter');
  res.setHeader('Cache-Control', 'max-age=0, no-cache, no-store');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader(
    'Access-Control-Expose-Headers',
    'X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Status',
  );
  res.setHeader('X-RateLimit-Limit', '800');
  res.setHeader('X-RateLimit-Remaining', '799');
  res.setHeader('X-RateLimit-Reset', String(Math.ceil(Date.now() / 1000) + 120));
}

/** `https://api.linode.com` under `/linode/api`: v4 and v4beta serve the same resources. */
export function linodeApiRealm(context: LinodeContext): Realm {
  const { tokens } = context;
  const routes = ['v4', 'v4beta'].flatMap((version) => [
    ...linodeCatalogRoutes(version),
    ...linodeInstanceRoutes(version, context),
    // Any valid token may read its own profile (SPEC security `oauth: []`).
    route('GET', `/${version}/profile`, (exchange) => {
      const grant = requireLinodeToken(exchange, tokens, null);
      const user = grant && findUser(grant.userId);
      if (!user) return;
      sendJson(exchange.res, 200, {
        username: user.username,
        email: user.email,
        // Stable per demo user and distinct between them (Launchpad keys linked accounts on it).
        uid: createHash('sha256').update(user.id).digest().readUIntBE(0, 3),
        restricted: false,
        timezone: 'US/Eastern',
        email_notifications: true,
        two_factor_auth: false,
        authorized_keys: [],
        lish_auth_method: 'keys_only',
        referrals: {
          code: user.username,
          url: `https://www.linode.com/?r=${user.username}`,
          total: 0,
          completed: 0,
          pending: 0,
          credit: 0,
        },
        authentication_type: 'password',
        verified_phone_number: null,
      });
    }),
  ]);
  return { prefix: '/linode/api', routes, errors: linodeApiErrors, decorate: linodeHeaders };
}
