import { HttpClient, type HttpResourceRef, httpResource } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ProviderName, ServerActionResult, ServerList } from '@launchpad/shared-api-types';
import type { Observable } from 'rxjs';

/** Every server of the signed-in person's linked accounts, and what can be done to one. */
@Injectable({ providedIn: 'root' })
export class ServersService {
  private readonly http = inject(HttpClient);

  /** `GET /api/servers`, for the component whose field it is (reload() to ask again). */
  list(): HttpResourceRef<ServerList | undefined> {
    return httpResource<ServerList>(() => '/api/servers');
  }

  reboot(provider: ProviderName, id: string): Observable<ServerActionResult> {
    return this.http.post<ServerActionResult>(`${serverPath(provider, id)}/reboot`, null);
  }

  delete(provider: ProviderName, id: string): Observable<ServerActionResult> {
    return this.http.delete<ServerActionResult>(serverPath(provider, id));
  }
}

function serverPath(provider: ProviderName, id: string): string {
  return `/api/servers/${encodeURIComponent(provider)}/${encodeURIComponent(id)}`;
}
