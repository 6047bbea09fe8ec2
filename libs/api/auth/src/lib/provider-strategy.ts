import { parseLinodeScopes, serializeLinodeScopes } from '@launchpad/shared-scopes';
import type { Request } from 'express';
import { Strategy as OAuth2Strategy, type StateStore } from 'passport-oauth2';
import type { ProviderEndpoints, ProviderName } from '@launchpad/api-config';
import { readCookie } from '@launchpad/api-http';
import { USER_AGENT } from '@launchpad/api-providers';
import type { OAuthStateStore } from './oauth-state.store';

/** What the token endpoint answered, before Launchpad looks at it. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string | undefined;
  params: Record<string, unknown>;
}

/** How one run of the strategy ended (passport's redirect, success, fail and error actions). */
export type StrategyOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; response: TokenResponse; linkUserId: string | null }
  | { kind: 'invalid_state' }
  | { kind: 'error'; error: Error };

/** What Launchpad passes through the state store: the user to link the account to, if any. */
interface AppState {
  linkUserId: string | null;
}

const OAUTH_PATHS: Record<ProviderName, { authorize: string; token: string }> = {
  linode: { authorize: '/oauth/authorize', token: '/oauth/token' },
  digitalocean: { authorize: '/authorize', token: '/token' },
};

/** The browser-binding cookie of a sign-in in progress (RFC 9700 §2.1: state bound to the user agent). */
export const stateCookieName = (provider: ProviderName) => `launchpad_oauth_${provider}`;

export const callbackPath = (provider: ProviderName) => `/api/auth/${provider}/callback`;

/**
 * passport-oauth2's state store, backed by the database (OAuthStateStore) instead of a session:
 * single use, provider-bound, carrying the PKCE verifier passport made. The state is also set as
 * a short-lived cookie on the callback path, and a callback whose state is not the one this
 * browser started is refused (login CSRF).
 */
class DatabaseStateStore {
  constructor(
    private readonly provider: ProviderName,
    private readonly states: OAuthStateStore,
    private readonly secureCookies: boolean,
  ) {}

  store(
    req: Request,
    verifier: string,
    appState: AppState | undefined,
    _meta: unknown,
    done: (err: Error | null, state?: string) => void,
  ): void {
    this.states.issue(this.provider, appState?.linkUserId ?? null, verifier).then(({ state }) => {
      req.res?.cookie(stateCookieName(this.provider), state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.secureCookies,
        path: callbackPath(this.provider),
        maxAge: 10 * 60_000,
      });
      done(null, state);
    }, done);
  }

  verify(
    req: Request,
    providedState: string | undefined,
    _meta: unknown,
    done: (err: Error | null, ok?: string | false, state?: AppState) => void,
  ): void {
    const cookieState = readCookie(req, stateCookieName(this.provider));
    // The state is consumed either way: a refused callback cannot be replayed later.
    this.states.consume(this.provider, providedState).then((consumed) => {
      if (!consumed || !providedState || cookieState !== providedState) return done(null, false);
      done(null, consumed.codeVerifier, { linkUserId: consumed.linkUserId });
    }, done);
  }
}

/**
 * Sign-in with one provider: passport-oauth2 with `state` and PKCE (S256) through the database
 * state store, a callback path of its own (mix-up defence), a real User-Agent, and the token
 * response's expiry and scopes handed on. The profile is read later, after the scope check.
 */
export class ProviderStrategy extends OAuth2Strategy {
  constructor(
    readonly provider: ProviderName,
    endpoints: ProviderEndpoints,
    publicUrl: string,
    states: OAuthStateStore,
  ) {
    super(
      {
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
        ) as unknown as StateStore,
        skipUserProfile: true,
      },
      (
        accessToken: string,
        refreshToken: string | undefined,
        params: Record<string, unknown>,
        _profile: unknown,
        done: (err: Error | null, user?: TokenResponse) => void,
      ) => done(null, { accessToken, refreshToken, params }),
    );
    this.name = provider;
  }

  /** Runs the strategy on a request: a redirect to the provider, or the callback's result. */
  run(req: Request, linkUserId: string | null = null): Promise<StrategyOutcome> {
    return new Promise((resolve) => {
      const run = Object.create(this) as OAuth2Strategy;
      run.redirect = (url: string) => resolve({ kind: 'redirect', url });
      run.success = (user: TokenResponse, info?: { state?: AppState }) =>
        resolve({
          kind: 'success',
          response: user,
          linkUserId: info?.state?.linkUserId ?? null,
        });
      run.fail = () => resolve({ kind: 'invalid_state' });
      run.pass = () => resolve({ kind: 'invalid_state' });
      run.error = (error: Error) => resolve({ kind: 'error', error });
      run.authenticate(req, { state: { linkUserId } });
    });
  }
}
