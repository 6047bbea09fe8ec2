import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { SessionService } from './session-service';

/** Pages for the signed-in: everyone else goes to the sign-in page. */
export const signedInGuard: CanActivateFn = async (_route, routerState) => {
  // Both before the first await: inject() works only in the guard's synchronous part.
  const session = inject(SessionService);
  const router = inject(Router);
  const state = await session.ensureLoaded();
  if (state.kind === 'signed_in') return true;
  // Back here after signing in (e.g. /activate?user_code=…): kept in this tab only, and only
  // ever a path of this app, so it cannot become an open redirect.
  sessionStorage.setItem(RETURN_TO_KEY, routerState.url);
  return router.parseUrl('/sign-in');
};

export const RETURN_TO_KEY = 'launchpad.returnTo';

/** Where to go after signing in, once; only paths of this app. */
export function takeReturnTo(): string | undefined {
  const value = sessionStorage.getItem(RETURN_TO_KEY);
  sessionStorage.removeItem(RETURN_TO_KEY);
  return value && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}
