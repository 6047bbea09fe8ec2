import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { LogoutResult } from '@launchpad/shared-api-types';
import { type Observable, tap } from 'rxjs';
import { SessionService } from '../session/session-service';

/** The signed-in person's linked provider accounts (listed by the session). */
@Injectable({ providedIn: 'root' })
export class LinkedAccountsService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  /** Revokes one linked account's tokens and forgets it; the session then lists the others. */
  disconnect(accountId: string): Observable<LogoutResult> {
    return this.http
      .delete<LogoutResult>(`/api/accounts/${encodeURIComponent(accountId)}`)
      .pipe(tap(() => this.session.refresh()));
  }
}
