import { createHash } from 'node:crypto';
import type {
  FieldView,
  ImageView,
  PlanView,
  ProviderName,
  RegionView,
  ServerView,
} from '@launchpad/shared-api-types';

/** A server as a provider client returns it, before Launchpad adds the account. */
export type ProviderServer = Omit<ServerView, 'provider' | 'accountId'>;

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

/**
 * Every page of a paginated collection. The first page tells how many there are; `hint` (how
 * many there were last time) lets the others be asked for at the same moment instead of one
 * round trip later. Pages asked for beyond the real count are dropped unread — Linode answers
 * a page past the end with the last page again (linode.md §2.2).
 */
export async function fetchAllPages<P>(
  fetchPage: (page: number) => Promise<P>,
  pagesOf: (first: P) => number,
  hint = 1,
): Promise<P[]> {
  const guess = Math.max(1, Math.min(hint, 50));
  const first = fetchPage(1);
  const speculative = Array.from({ length: guess - 1 }, (_, i) => fetchPage(i + 2));
  // Failures of pages that turn out not to exist must not surface as unhandled rejections.
  for (const page of speculative) page.catch(() => undefined);
  const head = await first;
  const pages = Math.max(1, pagesOf(head));
  const rest = await inBatches(
    Array.from({ length: pages - 1 }, (_, i) => () => speculative[i] ?? fetchPage(i + 2)),
  );
  return [head, ...rest];
}

/** The hint's key: the collection and whose it is (a digest of the token, never the token). */
export function pageHintKey(path: string, token: string | undefined): string {
  return `${path} ${token ? createHash('sha256').update(token).digest('base64url').slice(0, 16) : ''}`;
}

/** How many pages each collection had last time, per caller key (bounded, in memory). */
export class PageCountHints {
  private readonly hints = new Map<string, number>();

  constructor(private readonly limit = 10_000) {}

  get(key: string): number {
    return this.hints.get(key) ?? 1;
  }

  set(key: string, pages: number): void {
    this.hints.delete(key);
    this.hints.set(key, pages);
    if (this.hints.size > this.limit) {
      const oldest = this.hints.keys().next().value;
      if (oldest !== undefined) this.hints.delete(oldest);
    }
  }
}
