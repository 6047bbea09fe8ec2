import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { Injectable, type Signal, computed } from '@angular/core';
import type { HealthResponse } from '@launchpad/shared-api-types';
import type { HealthState } from './health-state';

@Injectable({ providedIn: 'root' })
export class HealthService {
  /**
   * `GET /api/health` as a state: loading, then ok, degraded (a 503 with a report) or
   * unreachable. Call it where a resource may live (a component's field): it asks once.
   */
  health(): Signal<HealthState> {
    const report = httpResource<HealthResponse>(() => '/api/health');
    return computed((): HealthState => {
      if (report.hasValue()) {
        const health = report.value();
        return { kind: health.status === 'ok' ? 'ok' : 'degraded', health };
      }
      return report.status() === 'error' ? failureState(report.error()) : { kind: 'loading' };
    });
  }
}

function failureState(error: unknown): HealthState {
  const response = error instanceof HttpErrorResponse ? error : undefined;
  const body = response?.error as Partial<HealthResponse> | null | undefined;
  if (response?.status === 503 && body && typeof body.status === 'string' && body.database) {
    return { kind: 'degraded', health: body as HealthResponse };
  }
  const status = response?.status ?? 0;
  return {
    kind: 'unreachable',
    reason: status === 0 ? 'The API did not answer' : `The API answered HTTP ${status}`,
  };
}
