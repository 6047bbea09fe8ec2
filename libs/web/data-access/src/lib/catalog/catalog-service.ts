import { type HttpResourceRef, httpResource } from '@angular/common/http';
import { Injectable } from '@angular/core';
import type { ApplicationView, CatalogView, ProviderName } from '@launchpad/shared-api-types';

/** What the catalog is asked for: an application at a provider. */
export interface CatalogChoice {
  provider: ProviderName;
  application: string;
}

/**
 * The deployable applications and each provider's catalog (plans with prices, regions, images,
 * the application's fields). Its resources are made where they are called (a component's field)
 * and live as long as that component.
 */
@Injectable({ providedIn: 'root' })
export class CatalogService {
  /** `GET /api/applications`. */
  applications(): HttpResourceRef<ApplicationView[] | undefined> {
    return httpResource<ApplicationView[]>(() => '/api/applications');
  }

  /** `GET /api/catalog/:provider?application=…`, whenever `choice` names one (idle otherwise). */
  catalog(choice: () => CatalogChoice | undefined): HttpResourceRef<CatalogView | undefined> {
    return httpResource<CatalogView>(() => {
      const chosen = choice();
      return chosen
        ? {
            url: `/api/catalog/${encodeURIComponent(chosen.provider)}`,
            params: { application: chosen.application },
          }
        : undefined;
    });
  }
}
