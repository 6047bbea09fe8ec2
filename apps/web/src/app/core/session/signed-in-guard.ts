import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { SessionService } from './session-service';

/** Pages for the signed-in: everyone else goes to the sign-in page. */
export const signedInGuard: CanActivateFn = async () => {
  // Both before the first await: inject() works only in the guard's synchronous part.
  const session = inject(SessionService);
  const router = inject(Router);
  const state = await session.ensureLoaded();
  return state.kind === 'signed_in' ? true : router.parseUrl('/sign-in');
};
