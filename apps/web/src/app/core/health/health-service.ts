import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { HealthResponse } from '@launchpad/shared-api-types';
import { type Observable, catchError, map, of, startWith } from 'rxjs';
import type { HealthState } from './health-state';

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);

  /** GET /api/health as a state stream: loading, then ok, degraded (503 with a report) or unreachable. */
  watch(): Observable<HealthState> {
    return this.http.get<HealthResponse>('/api/health').pipe(
      map((health): HealthState => ({ kind: health.status === 'ok' ? 'ok' : 'degraded', health })),
      catchError((error: HttpErrorResponse) => of(toFailureState(error))),
      startWith<HealthState>({ kind: 'loading' }),
    );
  }
}

function toFailureState(error: HttpErrorResponse): HealthState {
  const body = error.error as Partial<HealthResponse> | null;
  if (error.status === 503 && body && typeof body.status === 'string' && body.database) {
    return { kind: 'degraded', health: body as HealthResponse };
  }
  return {
    kind: 'unreachable',
    reason: error.status === 0 ? 'The API did not answer' : `The API answered HTTP ${error.status}`,
  };
}
