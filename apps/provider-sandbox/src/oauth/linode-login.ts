import { sendJson } from '../http/exchange';
import { type Realm, route } from '../http/realm';
import { oauthErrors } from '../providers/oauth-errors';
import type { AuthorizeRules } from './authorize-flow';
import { decide, showConsent } from './authorize-flow';
import { parseLinodeScopes } from './provider-scopes';
import { revokeEndpoint, tokenEndpoint } from './token-endpoint';
import type { TokenService } from './tokens';

const authorizeRules: AuthorizeRules = {
  provider: 'linode',
  providerName: 'Linode',
  action: '/linode/login/oauth/authorize',
  // Both spellings work against the real server (linode.md §1.2); the default is everything.
  parseScopes: (params) => ({
    scopes: parseLinodeScopes(params.get('scope') ?? params.get('scopes') ?? '*'),
  }),
};

/** `https://login.linode.com` (reference linode.md §1). */
export function linodeLoginRealm(tokens: TokenService): Realm {
  return {
    prefix: '/linode/login',
    errors: oauthErrors,
    routes: [
      route('GET', '/oauth/authorize', (exchange) => showConsent(exchange, authorizeRules)),
      route('POST', '/oauth/authorize', (exchange) => decide(exchange, authorizeRules, tokens)),
      route('POST', '/oauth/token', (exchange) =>
        tokenEndpoint(
          exchange,
          {
            provider: 'linode',
            acceptQueryParams: false,
            refreshNeedsClient: true,
            redirectUriRequired: false,
            body: (grant, _user, expiresIn) => {
              const scope = grant.scopes.join(' ');
              // Both `scope` and `scopes`, space-separated, as the real server answers (§1.4).
              return {
                access_token: grant.accessToken,
                expires_in: expiresIn,
                refresh_token: grant.refreshToken,
                scope,
                scopes: scope,
                token_type: 'bearer',
              };
            },
          },
          tokens,
        ),
      ),
      route('POST', '/oauth/revoke', (exchange) => revokeEndpoint(exchange, tokens, false)),
      // The legacy path, still used by older clients (§1.7).
      route('POST', '/oauth/token/expire', (exchange) => revokeEndpoint(exchange, tokens, false)),
      route('GET', '/logout', ({ res }) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>Linode (sandbox)</title><p>You have been logged out.</p>');
      }),
      route('GET', '/health', ({ res }) => sendJson(res, 200, { status: 'ok' })),
    ],
  };
}
