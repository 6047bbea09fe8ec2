import { parseLinodeScopes, serializeLinodeScopes } from '@launchpad/shared-scopes';
import type { StrategyOptions } from 'passport-oauth2';
import type { ProviderEndpoints, ProviderName } from '@launchpad/api-config';
import { USER_AGENT } from '@launchpad/api-providers';
import { DatabaseStateStore } from './database-state.store';
import type { OAuthStateStore } from './oauth-state.store';
import { callbackPath } from './sign-in-paths';

const OAUTH_PATHS: Record<ProviderName, { authorize: string; token: string }> = {
  linode: { authorize: '/oauth/authorize', token: '/oauth/token' },
  digitalocean: { authorize: '/authorize', token: '/token' },
};

/**
 * passport-oauth2's options for one provider: `state` and PKCE (S256) through the database state
 * store, a callback path of its own (mix-up defence), a real User-Agent, and no profile request
 * (the profile is read later, after the scope check).
 */
export function providerStrategyOptions(
  provider: ProviderName,
  endpoints: ProviderEndpoints,
  publicUrl: string,
  states: OAuthStateStore,
): StrategyOptions {
  return {
    authorizationURL: `${endpoints.oauthUrl}${OAUTH_PATHS[provider].authorize}`,
    tokenURL: `${endpoints.oauthUrl}${OAUTH_PATHS[provider].token}`,
    clientID: endpoints.clientId,
    clientSecret: endpoints.clientSecret,
    callbackURL: `${publicUrl}${callbackPath(provider)}`,
    // Linode's docs and clients send scopes comma-separated, DigitalOcean space-separated.
    scope:
      provider === 'linode'
        ? serializeLinodeScopes(parseLinodeScopes(endpoints.scopes).scopes)
        : endpoints.scopes,
    scopeSeparator: provider === 'linode' ? ',' : ' ',
    customHeaders: { 'User-Agent': USER_AGENT },
    pkce: true,
    store: new DatabaseStateStore(
      provider,
      states,
      publicUrl.startsWith('https:'),
    ).asPassportStore(),
    skipUserProfile: true,
  };
}

/**
 * passport's redirect action answers 302 unless given a status, and passport-oauth2 gives none.
 * The start has always answered 303 See Other (RFC 9110 §15.4.4: the browser follows with a GET),
 * which the SPA's tests pin down. `strategy` is the per-request object passport made for this
 * request (`Object.create` of the registered strategy, carrying that request's actions), so no
 * other request is touched.
 */
export function redirectWithSeeOther(strategy: {
  redirect(url: string, status?: number): void;
}): void {
  const redirect = strategy.redirect.bind(strategy);
  strategy.redirect = (url: string) => redirect(url, 303);
}
