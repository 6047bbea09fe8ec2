import { type Exchange, sendJson } from '../../http/exchange';
import { linodeGrantCovers } from '../../oauth/provider-scopes';
import type { TokenService } from '../../oauth/tokens';
import type { AccessGrant } from '../../state/sandbox-state';

/**
 * Linode's API answers a missing, unknown, expired or revoked token with 401 "Invalid Token", and a
 * token without the endpoint's scope with 401 too, not 403 (reference linode.md §2.4). Every
 * answer carries X-OAuth-Scopes and X-Accepted-OAuth-Scopes (§2.5).
 */
export function requireLinodeToken(
  exchange: Exchange,
  tokens: TokenService,
  scope: string | null,
): AccessGrant | undefined {
  const header = exchange.req.headers.authorization ?? '';
  const grant = /^bearer /i.test(header)
    ? tokens.authenticate('linode', header.slice(7).trim())
    : undefined;
  exchange.res.setHeader('X-Accepted-OAuth-Scopes', scope ?? '*');
  if (!grant) {
    exchange.res.setHeader('X-OAuth-Scopes', 'unknown');
    sendJson(exchange.res, 401, { errors: [{ reason: 'Invalid Token' }] });
    return undefined;
  }
  exchange.res.setHeader('X-OAuth-Scopes', grant.scopes.join(' '));
  if (scope && !linodeGrantCovers(grant.scopes, scope)) {
    sendJson(exchange.res, 401, {
      errors: [{ reason: 'Your OAuth token is not authorized to use this endpoint.' }],
    });
    return undefined;
  }
  return grant;
}
