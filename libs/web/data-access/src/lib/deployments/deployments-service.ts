import { HttpClient, type HttpResourceRef, httpResource } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type DeploymentCreated,
  type DeploymentRequest,
  type DeploymentView,
  FINAL_DEPLOYMENT_STATUSES,
  IDEMPOTENCY_KEY_HEADER,
} from '@launchpad/shared-api-types';
import { Observable, tap } from 'rxjs';

/** Deployments: create one, read it, follow its changes; the root password shown once. */
@Injectable({ providedIn: 'root' })
export class DeploymentsService {
  private readonly http = inject(HttpClient);
  /** The root password of the deployment just created: kept in memory only, handed out once. */
  private password: { deploymentId: string; value: string } | undefined;

  /** `key` stays the same for retries of one submission, so that they create one server. */
  create(request: DeploymentRequest, key: string): Observable<DeploymentCreated> {
    return this.http
      .post<DeploymentCreated>('/api/deployments', request, {
        headers: { [IDEMPOTENCY_KEY_HEADER]: key },
      })
      .pipe(
        tap((created) => {
          if (created.rootPassword) {
            this.password = { deploymentId: created.deployment.id, value: created.rootPassword };
          }
        }),
      );
  }

  /** `GET /api/deployments/:id`, for the component whose field it is. */
  deployment(id: () => string): HttpResourceRef<DeploymentView | undefined> {
    return httpResource<DeploymentView>(() => `/api/deployments/${encodeURIComponent(id())}`);
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
}
