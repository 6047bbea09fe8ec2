import { HttpClient, type HttpResourceRef, httpResource } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  DeviceActivationDecision,
  DeviceActivationResult,
  DeviceActivationView,
} from '@launchpad/shared-api-types';
import type { Observable } from 'rxjs';

/** A code to look up; a new object asks again, even for the same code. */
export interface ActivationLookup {
  userCode: string;
}

/** The activation API behind `/activate` (RFC 8628 §3.3). */
@Injectable({ providedIn: 'root' })
export class DeviceActivationService {
  private readonly http = inject(HttpClient);

  /** `GET /api/device/activation?user_code=…` whenever `lookup` names a code (idle otherwise). */
  lookup(
    lookup: () => ActivationLookup | undefined,
  ): HttpResourceRef<DeviceActivationView | undefined> {
    return httpResource<DeviceActivationView>(() => {
      const code = lookup()?.userCode;
      return code === undefined
        ? undefined
        : { url: '/api/device/activation', params: { user_code: code } };
    });
  }

  decide(
    userCode: string,
    decision: DeviceActivationDecision['decision'],
  ): Observable<DeviceActivationResult> {
    const body: DeviceActivationDecision = { user_code: userCode, decision };
    return this.http.post<DeviceActivationResult>('/api/device/activation', body);
  }
}
