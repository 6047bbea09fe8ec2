import type { Request } from 'express';
import type { StateStore } from 'passport-oauth2';
import type { ProviderName } from '@launchpad/api-config';
import { readCookie } from '@launchpad/api-http';
import type { OAuthStateStore } from './oauth-state.store';
import { callbackPath, stateCookieName } from './sign-in-paths';

/** What Launchpad passes through the state store: the user to link the account to, if any. */
export interface LinkState {
  linkUserId: string | null;
}

/**
 * passport-oauth2's state store, backed by the database (OAuthStateStore) instead of a session:
 * single use, provider-bound, carrying the PKCE verifier passport made. The state is also set as
 * a short-lived cookie on the callback path, and a callback whose state is not the one this
 * browser started is refused (login CSRF). passport-oauth2 calls `store` with five arguments and
 * `verify` with four (it picks by arity), which hands over the verifier and the link state.
 */
export class DatabaseStateStore {
  constructor(
    private readonly provider: ProviderName,
    private readonly states: OAuthStateStore,
    private readonly secureCookies: boolean,
  ) {}

  /** The passport-oauth2 `store` option (its typings know only the two- and three-argument forms). */
  asPassportStore(): StateStore {
    return this as unknown as StateStore;
  }

  store(
    req: Request,
    verifier: string,
    linkState: LinkState | undefined,
    _meta: unknown,
    done: (err: Error | null, state?: string) => void,
  ): void {
    this.states.issue(this.provider, linkState?.linkUserId ?? null, verifier).then(({ state }) => {
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
    done: (err: Error | null, ok?: string | false, state?: LinkState) => void,
  ): void {
    const cookieState = readCookie(req, stateCookieName(this.provider));
    // The state is consumed either way: a refused callback cannot be replayed later.
    this.states.consume(this.provider, providedState).then((consumed) => {
      if (!consumed || !providedState || cookieState !== providedState) return done(null, false);
      done(null, consumed.codeVerifier, { linkUserId: consumed.linkUserId });
    }, done);
  }
}
