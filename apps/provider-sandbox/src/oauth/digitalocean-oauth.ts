import { type Exchange, sendJson } from '../http/exchange';
import { type Realm, route } from '../http/realm';
import { oauthErrors } from '../providers/oauth-errors';
import { type AuthorizeRules, decide, showConsent } from './authorize-flow';
import { parseDigitalOceanScopes } from './provider-scopes';
import { revokeEndpoint, tokenEndpoint, type TokenEndpointRules } from './token-endpoint';
import type { TokenService } from './tokens';

const authorizeRules: AuthorizeRules = {
  provider: 'digitalocean',
  providerName: 'DigitalOcean',
  action: '/digitalocean/oauth/authorize',
  parseScopes: (params) => parseDigitalOceanScopes(params.get('scope') ?? ''),
  deniedDescription: 'The resource owner or authorization server denied the request.',
};

const tokenRules: TokenEndpointRules = {
  provider: 'digitalocean',
  acceptQueryParams: true,
  refreshNeedsClient: false,
  redirectUriRequired: true,
  body: (grant, user, expiresIn) => ({
    access_token: grant.accessToken,
    token_type: 'bearer',
    expires_in: expiresIn,
    refresh_token: grant.refreshToken,
    scope: grant.scopes.join(' '),
    info: {
      name: user?.username,
      email: user?.email,
      uuid: user?.id,
      team_uuid: user?.team?.uuid,
      team_name: user?.team?.name,
    },
  }),
};

function tokenInfo(exchange: Exchange, tokens: TokenService): void {
  const header = exchange.req.headers.authorization ?? '';
  const grant = /^bearer /i.test(header)
    ? tokens.authenticate('digitalocean', header.slice(7).trim())
    : undefined;
  if (!grant)
    return sendJson(exchange.res, 401, {
      id: 'unauthorized',
      message: 'Unable to authenticate you',
    });
  // Doorkeeper's token-info shape, as doctl reads it (do.md §1.8).
  sendJson(exchange.res, 200, {
    resource_owner_id: grant.userId,
    scopes: grant.scopes,
    expires_in_seconds: tokens.expiresInSeconds(grant),
    application: { uid: grant.clientId },
    created_at: Math.floor(grant.issuedAt / 1000),
  });
}

/** `https://cloud.digitalocean.com/v1/oauth` (reference digitalocean.md §1). */
export function digitalOceanOAuthRealm(tokens: TokenService): Realm {
  return {
    prefix: '/digitalocean/oauth',
    errors: oauthErrors,
    routes: [
      route('GET', '/authorize', (exchange) => showConsent(exchange, authorizeRules)),
      route('POST', '/authorize', (exchange) => decide(exchange, authorizeRules, tokens)),
      route('POST', '/token', (exchange) => tokenEndpoint(exchange, tokenRules, tokens)),
      // Named in the 2025 docs only; served as an alias (do.md §1.1).
      route('POST', '/refresh', (exchange) => tokenEndpoint(exchange, tokenRules, tokens)),
      route('POST', '/revoke', (exchange) => revokeEndpoint(exchange, tokens, true)),
      route('GET', '/token/info', (exchange) => tokenInfo(exchange, tokens)),
    ],
  };
}
