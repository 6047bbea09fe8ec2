import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { type DeploymentsConfig, deploymentsConfig } from '@launchpad/api-config';
import type { ApplicationView, CatalogView, ProviderName } from '@launchpad/shared-api-types';
import {
  type ApplicationDefinition,
  UnknownApplicationError,
  applicationView,
} from '@launchpad/api-applications';
import type { ApplicationRecipe, ProviderCatalog } from '@launchpad/api-providers';
import { ProviderClients } from '@launchpad/api-providers';

interface Entry<T> {
  value?: T;
  fetchedAt: number;
  pending?: Promise<T>;
}

/**
 * Plans, regions, images and applications' recipes. The providers' public data is cached for
 * CATALOG_TTL_MINUTES and then revalidated in the background while the stale copy is served
 * (stale-while-revalidate), so page views never wait on a provider once it has been fetched.
 */
@Injectable()
export class CatalogService {
  private readonly logger = new Logger('Catalog');
  private readonly cache = new Map<string, Entry<unknown>>();
  private readonly applications: readonly ApplicationDefinition[];
  private readonly ttlMs: number;

  /** `deployments.applications` (built in or APPLICATIONS_FILE) and `catalogTtlMs` (ms). */
  constructor(
    private readonly clients: ProviderClients,
    @Inject(deploymentsConfig.KEY) config: Pick<DeploymentsConfig, 'applications' | 'catalogTtlMs'>,
    @Optional() private readonly now: () => number = Date.now,
  ) {
    this.applications = config.applications;
    this.ttlMs = config.catalogTtlMs;
  }

  list(): ApplicationView[] {
    return this.applications.map(applicationView);
  }

  application(id: string, provider: ProviderName): ApplicationDefinition {
    const app = this.applications.find((a) => a.id === id);
    if (!app || !app[provider]) {
      throw new UnknownApplicationError(
        app ? `${app.name} cannot be deployed to ${provider}.` : `There is no application "${id}".`,
      );
    }
    return app;
  }

  /** What the wizard offers for an application at a provider. */
  async view(
    provider: ProviderName,
    applicationId: string,
    token: string | undefined,
  ): Promise<CatalogView> {
    const app = this.application(applicationId, provider);
    const [{ value: catalog, fetchedAt }, recipe] = await Promise.all([
      this.cached(`catalog:${provider}`, () => this.clients[provider].catalog(token)),
      this.recipe(provider, app),
    ]);
    return {
      provider,
      application: applicationView(app),
      plans: catalog.plans,
      regions: catalog.regions,
      images: recipe.images
        ? catalog.images.filter((image) => recipe.images?.includes(image.id))
        : catalog.images,
      fields: recipe.fields,
      fetchedAt: new Date(fetchedAt).toISOString(),
    };
  }

  /** The cached catalog, if any provider call has filled it (the DigitalOcean one needs a token). */
  hasCatalog(provider: ProviderName): boolean {
    return this.cache.get(`catalog:${provider}`)?.value !== undefined;
  }

  async recipe(provider: ProviderName, app: ApplicationDefinition): Promise<ApplicationRecipe> {
    if (provider === 'digitalocean') {
      const recipe = app.digitalocean;
      return { images: recipe?.images ?? null, fields: recipe?.fields ?? [] };
    }
    const id = app.linode?.stackscriptId;
    if (!id) return { images: null, fields: [] };
    const script = (
      await this.cached(`stackscript:${id}`, () => this.clients.linode.stackscript(id))
    ).value;
    // The application's kinds for the UDFs, which Linode leaves untyped.
    const kinds = app.linode?.fields ?? {};
    return { ...script, fields: script.fields.map((f) => ({ ...f, ...kinds[f.name] })) };
  }

  async providerCatalog(
    provider: ProviderName,
    token: string | undefined,
  ): Promise<ProviderCatalog> {
    return (await this.cached(`catalog:${provider}`, () => this.clients[provider].catalog(token)))
      .value;
  }

  private async cached<T>(
    key: string,
    load: () => Promise<T>,
  ): Promise<{ value: T; fetchedAt: number }> {
    const entry = (this.cache.get(key) ?? { fetchedAt: 0 }) as Entry<T>;
    this.cache.set(key, entry);
    const refresh = () => {
      entry.pending ??= load().then(
        (value) => {
          entry.value = value;
          entry.fetchedAt = this.now();
          entry.pending = undefined;
          return value;
        },
        (error: unknown) => {
          entry.pending = undefined;
          throw error;
        },
      );
      return entry.pending;
    };
    if (entry.value === undefined) {
      await refresh();
    } else if (this.now() - entry.fetchedAt > this.ttlMs) {
      // Stale: answer with what we have, revalidate behind it.
      refresh().catch((error: unknown) =>
        this.logger.warn(
          `revalidating ${key} failed, serving the stale copy: ${(error as Error).message}`,
        ),
      );
    }
    return { value: entry.value as T, fetchedAt: entry.fetchedAt };
  }
}
