import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CSRF_HEADER } from '@launchpad/shared-api-types';
import { firstValueFrom } from 'rxjs';
import { SessionService } from '../session/session-service';

/** A device waiting for approval, as the activation API describes it. */
export interface PendingDevice {
  userCode: string;
  clientName: string;
  scopes: { scope: string; description: string }[];
  expiresAt: string;
}

export interface ActivationResult {
  status: 'approved' | 'denied';
  message: string;
}

/** The activation API behind `/activate` (RFC 8628 §3.3). */
@Injectable({ providedIn: 'root' })
export class DeviceService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  lookup(userCode: string): Promise<PendingDevice> {
    return firstValueFrom(
      this.http.get<PendingDevice>('/api/device/activation', { params: { user_code: userCode } }),
    );
  }

  decide(userCode: string, decision: 'approve' | 'deny'): Promise<ActivationResult> {
    return firstValueFrom(
      this.http.post<ActivationResult>(
        '/api/device/activation',
        { user_code: userCode, decision },
        { headers: { [CSRF_HEADER]: this.session.view()?.csrfToken ?? '' } },
      ),
    );
  }
}
