import { HttpClient, type HttpResourceRef, httpResource } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  OAuthClientRegistered,
  OAuthClientRegistration,
  OAuthClientView,
} from '@launchpad/shared-api-types';
import type { Observable } from 'rxjs';

/** The OAuth client registry, for admins (`/api/admin/clients`). */
@Injectable({ providedIn: 'root' })
export class OAuthClientsService {
  private readonly http = inject(HttpClient);

  /** The registered clients, for the component whose field it is (reload() after a change). */
  list(): HttpResourceRef<OAuthClientView[] | undefined> {
    return httpResource<OAuthClientView[]>(() => '/api/admin/clients');
  }

  register(registration: OAuthClientRegistration): Observable<OAuthClientRegistered> {
    return this.http.post<OAuthClientRegistered>('/api/admin/clients', registration);
  }

  remove(clientId: string): Observable<void> {
    return this.http.delete<void>(`/api/admin/clients/${encodeURIComponent(clientId)}`);
  }
}
