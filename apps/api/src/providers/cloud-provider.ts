import type {
  FieldView,
  ImageView,
  PlanView,
  ProviderName,
  RegionView,
  ServerStatus,
} from '@launchpad/shared-api-types';

/** A server as a provider client returns it, before Launchpad adds the account. */
export interface ProviderServer {
  id: string;
  label: string;
  status: ServerStatus;
  providerStatus: string;
  ipv4: string | null;
  ipv6: string | null;
  region: string;
  plan: string;
  image: string | null;
  createdAt: string;
  tags: string[];
}

export interface CreateServerInput {
  label: string;
  plan: string;
  region: string;
  image: string;
  rootPassword: string;
  /** Marks the server as Launchpad's deployment, so that it can be found after a crash. */
  tag: string;
  /** Linode: deploy this StackScript with these UDF values. */
  stackscript?: { id: number; data: Record<string, string> };
  /** DigitalOcean: cloud-init user data. */
  userData?: string;
}

/** A provider's public catalog, as fetched (before an application narrows it). */
export interface ProviderCatalog {
  plans: PlanView[];
  regions: RegionView[];
  images: ImageView[];
}

/** What an application's provider-side recipe contributes: compatible images and fields. */
export interface ApplicationRecipe {
  /** Null: every image of the catalog. */
  images: string[] | null;
  fields: FieldView[];
}

/** One provider's REST API, in Launchpad's terms. Every call takes the user's access token. */
export interface CloudProviderClient {
  readonly provider: ProviderName;
  catalog(token: string | undefined): Promise<ProviderCatalog>;
  listServers(token: string): Promise<ProviderServer[]>;
  getServer(token: string, id: string): Promise<ProviderServer>;
  createServer(token: string, input: CreateServerInput): Promise<ProviderServer>;
  deleteServer(token: string, id: string): Promise<void>;
  rebootServer(token: string, id: string): Promise<void>;
}

/** Runs `tasks` with at most `limit` at once, keeping their order. */
export async function inBatches<T>(tasks: (() => Promise<T>)[], limit = 8): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
