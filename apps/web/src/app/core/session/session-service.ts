import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import {
  type ApiErrorBody,
  CSRF_HEADER,
  type LogoutResult,
  type ProviderName,
  type SessionView,
  isApiErrorBody,
} from '@launchpad/shared-api-types';
import { firstValueFrom } from 'rxjs';
import type { SessionState } from './session-state';

/**
 * The signed-in person, their linked accounts, and the calls that change them. Provider tokens
 * never reach the browser: the API keeps them, and this service only sees what SessionView shows.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<SessionState>({ kind: 'loading' });
  private loading: Promise<SessionState> | undefined;

  readonly state = this.current.asReadonly();
  readonly view = computed(() => {
    const state = this.current();
    return state.kind === 'signed_in' ? state.view : undefined;
  });
  /** What the last logout did at the providers, for the signed-out page. */
  readonly lastLogout = signal<LogoutResult | undefined>(undefined);

  /** Where the browser goes to sign in (or, when signed in, to link) with a provider. */
  signInUrl(provider: ProviderName): string {
    return `/api/auth/${provider}`;
  }

  /** Asks the API once; later callers share the answer until refresh() asks again. */
  ensureLoaded(): Promise<SessionState> {
    this.loading ??= this.refresh();
    return this.loading;
  }

  async refresh(): Promise<SessionState> {
    let next: SessionState;
    try {
      next = {
        kind: 'signed_in',
        view: await firstValueFrom(this.http.get<SessionView>('/api/session')),
      };
    } catch (error) {
      const status = error instanceof HttpErrorResponse ? error.status : 0;
      next =
        status === 401
          ? { kind: 'signed_out' }
          : {
              kind: 'unreachable',
              reason: status === 0 ? 'The API did not answer' : `The API answered HTTP ${status}`,
            };
    }
    this.current.set(next);
    this.loading = Promise.resolve(next);
    return next;
  }

  /** Revokes every provider token at the providers and ends the session. */
  async logout(): Promise<LogoutResult> {
    const result = await firstValueFrom(
      this.http.post<LogoutResult>('/api/auth/logout', null, { headers: this.csrfHeaders() }),
    );
    this.lastLogout.set(result);
    this.current.set({ kind: 'signed_out' });
    this.loading = Promise.resolve(this.current());
    return result;
  }

  /** Revokes one linked account's tokens and forgets it. */
  async disconnect(accountId: string): Promise<LogoutResult> {
    const result = await firstValueFrom(
      this.http.delete<LogoutResult>(`/api/accounts/${encodeURIComponent(accountId)}`, {
        headers: this.csrfHeaders(),
      }),
    );
    await this.refresh();
    return result;
  }

  private csrfHeaders(): Record<string, string> {
    return { [CSRF_HEADER]: this.view()?.csrfToken ?? '' };
  }
}

/** The API's message for a failed call, in words a person can act on. */
export function apiErrorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (isApiErrorBody(body)) return (body as ApiErrorBody).message;
    return error.status === 0
      ? 'The API did not answer.'
      : `The API answered HTTP ${error.status}.`;
  }
  return 'Something went wrong.';
}
