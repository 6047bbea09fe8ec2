import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { map } from 'rxjs';
import { keepReturnTo } from './return-to';
import { SessionService } from './session-service';

/** Pages for the signed-in: everyone else goes to the sign-in page, and comes back after it. */
export const signedInGuard: CanActivateFn = (_route, routerState) => {
  const router = inject(Router);
  return inject(SessionService)
    .whenSettled()
    .pipe(
      map((state) => {
        if (state.kind === 'signed_in') return true;
        // e.g. /activate?user_code=…, after the QR code's link.
        keepReturnTo(routerState.url);
        return router.parseUrl('/sign-in');
      }),
    );
};
