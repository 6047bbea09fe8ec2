import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { CSRF_HEADER } from '@launchpad/shared-api-types';
import { SessionService } from '../session/session-service';

/** Methods that change nothing: the API asks no CSRF token of them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session's CSRF token (`X-CSRF-Token`, checked by the API's SignedInGuard) on every
 * state-changing request to this app's own `/api/`, and never on a request to another origin.
 */
export const csrfInterceptor: HttpInterceptorFn = (request, next) => {
  if (
    SAFE_METHODS.has(request.method) ||
    !request.url.startsWith('/api/') ||
    request.headers.has(CSRF_HEADER)
  ) {
    return next(request);
  }
  const token = inject(SessionService).csrfToken();
  return next(token ? request.clone({ setHeaders: { [CSRF_HEADER]: token } }) : request);
};
