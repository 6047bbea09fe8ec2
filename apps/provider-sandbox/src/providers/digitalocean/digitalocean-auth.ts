import type { Exchange } from '../../http/exchange';
import { digitalOceanGrantCovers } from '../../oauth/provider-scopes';
import type { TokenService } from '../../oauth/tokens';
import type { AccessGrant } from '../../state/sandbox-state';
import { digitalOceanApiErrors } from './digitalocean-errors';

/**
 * DigitalOcean answers a bad token with 401 "Unable to authenticate you" and a token without
 * the endpoint's scopes with 403 (reference digitalocean.md §1.7, §2.9).
 */
export function requireDigitalOceanToken(
  exchange: Exchange,
  tokens: TokenService,
  scopes: string[],
): AccessGrant | undefined {
  const header = exchange.req.headers.authorization ?? '';
  const grant = /^bearer /i.test(header)
    ? tokens.authenticate('digitalocean', header.slice(7).trim())
    : undefined;
  if (!grant) {
    exchange.res.setHeader(
      'WWW-Authenticate',
      'Bearer realm="DigitalOcean", error="invalid_token", error_description="The access token is invalid"',
    );
    digitalOceanApiErrors.render(exchange, 401, 'Unable to authenticate you');
    return undefined;
  }
  if (!scopes.every((scope) => digitalOceanGrantCovers(grant.scopes, scope))) {
    digitalOceanApiErrors.render(
      exchange,
      403,
      'You do not have permission to perform this action.',
    );
    return undefined;
  }
  return grant;
}
