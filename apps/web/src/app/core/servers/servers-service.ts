import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type ApplicationView,
  CSRF_HEADER,
  type CatalogView,
  type DeploymentCreated,
  type DeploymentRequest,
  type DeploymentView,
  FINAL_DEPLOYMENT_STATUSES,
  IDEMPOTENCY_KEY_HEADER,
  type ProviderName,
  type ServerActionResult,
  type ServerList,
} from '@launchpad/shared-api-types';
import { Observable, firstValueFrom } from 'rxjs';
import { SessionService } from '../session/session-service';

/** The catalog, deployments and servers of the signed-in person (the API's /api/* calls). */
@Injectable({ providedIn: 'root' })
export class ServersService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);
  /** The root password of the deployment just created: kept in memory only, shown once. */
  private password: { deploymentId: string; value: string } | undefined;

  applications(): Promise<ApplicationView[]> {
    return firstValueFrom(this.http.get<ApplicationView[]>('/api/applications'));
  }

  catalog(provider: ProviderName, application: string): Promise<CatalogView> {
    return firstValueFrom(
      this.http.get<CatalogView>(`/api/catalog/${provider}`, { params: { application } }),
    );
  }

  list(): Promise<ServerList> {
    return firstValueFrom(this.http.get<ServerList>('/api/servers'));
  }

  reboot(provider: ProviderName, id: string): Promise<ServerActionResult> {
    return firstValueFrom(
      this.http.post<ServerActionResult>(`/api/servers/${provider}/${id}/reboot`, null, {
        headers: this.csrf(),
      }),
    );
  }

  delete(provider: ProviderName, id: string): Promise<ServerActionResult> {
    return firstValueFrom(
      this.http.delete<ServerActionResult>(`/api/servers/${provider}/${id}`, {
        headers: this.csrf(),
      }),
    );
  }

  /** `key` stays the same for retries of one submission, so they create one server. */
  async deploy(request: DeploymentRequest, key: string): Promise<DeploymentCreated> {
    const created = await firstValueFrom(
      this.http.post<DeploymentCreated>('/api/deployments', request, {
        headers: { ...this.csrf(), [IDEMPOTENCY_KEY_HEADER]: key },
      }),
    );
    if (created.rootPassword) {
      this.password = { deploymentId: created.deployment.id, value: created.rootPassword };
    }
    return created;
  }

  deployment(id: string): Promise<DeploymentView> {
    return firstValueFrom(this.http.get<DeploymentView>(`/api/deployments/${id}`));
  }

  /** Hands out the root password of this deployment once, then forgets it. */
  takePassword(deploymentId: string): string | undefined {
    if (this.password?.deploymentId !== deploymentId) return undefined;
    const value = this.password.value;
    this.password = undefined;
    return value;
  }

  /** The deployment's changes as they happen (Server-Sent Events), until it is final. */
  events(id: string): Observable<DeploymentView> {
    return new Observable<DeploymentView>((subscriber) => {
      const source = new EventSource(`/api/deployments/${encodeURIComponent(id)}/events`);
      source.addEventListener('status', (event) => {
        const view = JSON.parse((event as MessageEvent<string>).data) as DeploymentView;
        subscriber.next(view);
        if (FINAL_DEPLOYMENT_STATUSES.includes(view.status)) {
          source.close();
          subscriber.complete();
        }
      });
      // EventSource reconnects by itself (with Last-Event-ID); nothing to do on a dropped line.
      return () => source.close();
    });
  }

  private csrf(): Record<string, string> {
    return { [CSRF_HEADER]: this.session.view()?.csrfToken ?? '' };
  }
}
