import { HttpClient, HttpErrorResponse, httpResource } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import type { LogoutResult, ProviderName, SessionView } from '@launchpad/shared-api-types';
import { type Observable, filter, take, tap } from 'rxjs';
import type { SessionState } from './session-state';

/**
 * The signed-in person and their linked accounts (`GET /api/session`, read once and shared by the
 * whole app), and logout. Provider tokens never reach the browser: the API keeps them, and this
 * service only sees what SessionView shows.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly session = httpResource<SessionView>(() => '/api/session');

  readonly state = computed<SessionState>(() => {
    if (this.session.hasValue()) return { kind: 'signed_in', view: this.session.value() };
    switch (this.session.status()) {
      case 'error':
        return failureState(this.session.error());
      case 'local':
        // Set to nothing by logout().
        return { kind: 'signed_out' };
      default:
        return { kind: 'loading' };
    }
  });
  readonly view = computed(() => {
    const state = this.state();
    return state.kind === 'signed_in' ? state.view : undefined;
  });
  /** The token the API asks for in `X-CSRF-Token` on writes (see csrfInterceptor). */
  readonly csrfToken = computed(() => this.view()?.csrfToken);
  /** What the last logout did at the providers, for the signed-out page. */
  readonly lastLogout = signal<LogoutResult | undefined>(undefined);

  private readonly settled = toObservable(this.state).pipe(filter((s) => s.kind !== 'loading'));

  /** Where the browser goes to sign in (or, when signed in, to link) with a provider. */
  signInUrl(provider: ProviderName): string {
    return `/api/auth/${provider}`;
  }

  /** The first known state: at once when the API has answered, else when it does. */
  whenSettled(): Observable<SessionState> {
    return this.settled.pipe(take(1));
  }

  /** Asks the API again (after a change of linked accounts). */
  refresh(): void {
    this.session.reload();
  }

  /** Revokes every provider token at the providers and ends the session. */
  logout(): Observable<LogoutResult> {
    return this.http.post<LogoutResult>('/api/auth/logout', null).pipe(
      tap((result) => {
        this.lastLogout.set(result);
        this.session.set(undefined);
      }),
    );
  }
}

function failureState(error: unknown): SessionState {
  const status = error instanceof HttpErrorResponse ? error.status : 0;
  if (status === 401) return { kind: 'signed_out' };
  return {
    kind: 'unreachable',
    reason: status === 0 ? 'The API did not answer' : `The API answered HTTP ${status}`,
  };
}
