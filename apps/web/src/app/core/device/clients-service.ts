import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CSRF_HEADER,
  type OAuthClientRegistered,
  type OAuthClientRegistration,
  type OAuthClientView,
} from '@launchpad/shared-api-types';
import { firstValueFrom } from 'rxjs';
import { SessionService } from '../session/session-service';

/** The OAuth client registry, for admins (`/api/admin/clients`). */
@Injectable({ providedIn: 'root' })
export class ClientsService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  private headers() {
    return { [CSRF_HEADER]: this.session.view()?.csrfToken ?? '' };
  }

  list(): Promise<OAuthClientView[]> {
    return firstValueFrom(this.http.get<OAuthClientView[]>('/api/admin/clients'));
  }

  register(registration: OAuthClientRegistration): Promise<OAuthClientRegistered> {
    return firstValueFrom(
      this.http.post<OAuthClientRegistered>('/api/admin/clients', registration, {
        headers: this.headers(),
      }),
    );
  }

  remove(clientId: string): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`/api/admin/clients/${encodeURIComponent(clientId)}`, {
        headers: this.headers(),
      }),
    );
  }
}
