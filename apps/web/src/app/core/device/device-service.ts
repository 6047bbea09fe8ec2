import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CSRF_HEADER,
  type DeviceActivationDecision,
  type DeviceActivationResult,
  type DeviceActivationView,
} from '@launchpad/shared-api-types';
import { firstValueFrom } from 'rxjs';
import { SessionService } from '../session/session-service';

/** The activation API behind `/activate` (RFC 8628 §3.3). */
@Injectable({ providedIn: 'root' })
export class DeviceService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  lookup(userCode: string): Promise<DeviceActivationView> {
    return firstValueFrom(
      this.http.get<DeviceActivationView>('/api/device/activation', {
        params: { user_code: userCode },
      }),
    );
  }

  decide(
    userCode: string,
    decision: DeviceActivationDecision['decision'],
  ): Promise<DeviceActivationResult> {
    const body: DeviceActivationDecision = { user_code: userCode, decision };
    return firstValueFrom(
      this.http.post<DeviceActivationResult>('/api/device/activation', body, {
        headers: { [CSRF_HEADER]: this.session.view()?.csrfToken ?? '' },
      }),
    );
  }
}
