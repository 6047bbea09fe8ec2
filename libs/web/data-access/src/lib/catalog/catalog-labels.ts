import { type HttpResourceRef, httpResource } from '@angular/common/http';
import { Injectable, Injector, inject, untracked } from '@angular/core';
import type { CatalogView, PlanView, ProviderName } from '@launchpad/shared-api-types';

/**
 * The words for a provider's ids (plan "Linode 2GB", region "Newark, NJ", image "Debian 12") and
 * a plan's monthly price, from the catalog the deploy wizard shows (`GET /api/catalog/:provider`,
 * every image). Each provider's catalog is asked for once, the first time one of its ids is
 * looked up; until it arrives, or when it cannot, the lookups answer `undefined` (show the id).
 */
@Injectable({ providedIn: 'root' })
export class CatalogLabels {
  private readonly injector = inject(Injector);
  private readonly catalogs = new Map<ProviderName, HttpResourceRef<CatalogView | undefined>>();

  plan(provider: ProviderName, id: string): PlanView | undefined {
    return this.catalog(provider)?.plans.find((plan) => plan.id === id);
  }

  region(provider: ProviderName, id: string): string | undefined {
    return this.catalog(provider)?.regions.find((region) => region.id === id)?.label;
  }

  image(provider: ProviderName, id: string | null): string | undefined {
    if (id === null) return undefined;
    return this.catalog(provider)?.images.find((image) => image.id === id)?.label;
  }

  private catalog(provider: ProviderName): CatalogView | undefined {
    let ref = this.catalogs.get(provider);
    if (!ref) {
      // Made on first use, possibly while a template is read: outside its reactive context.
      ref = untracked(() =>
        httpResource<CatalogView>(() => `/api/catalog/${encodeURIComponent(provider)}`, {
          injector: this.injector,
        }),
      );
      this.catalogs.set(provider, ref);
    }
    return ref.hasValue() ? ref.value() : undefined;
  }
}
