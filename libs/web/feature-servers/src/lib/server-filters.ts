import type { ProviderName, ServerView } from '@launchpad/shared-api-types';

export type SortKey = 'createdAt' | 'label' | 'status' | 'provider';

/** The dashboard's filter bar. */
export interface ServerFilters {
  text: string;
  provider: ProviderName | 'all';
  sort: SortKey;
}

export const NO_FILTERS: ServerFilters = { text: '', provider: 'all', sort: 'createdAt' };

/** The servers the filters let through, in their order (newest first by default). */
export function filterServers(
  servers: readonly ServerView[],
  filters: ServerFilters,
): ServerView[] {
  const text = filters.text.trim().toLowerCase();
  const key = filters.sort;
  return servers
    .filter((s) => filters.provider === 'all' || s.provider === filters.provider)
    .filter(
      (s) =>
        !text ||
        [s.label, s.ipv4 ?? '', s.region, s.plan, s.image ?? ''].some((v) =>
          v.toLowerCase().includes(text),
        ),
    )
    .sort((a, b) =>
      key === 'createdAt' ? b.createdAt.localeCompare(a.createdAt) : a[key].localeCompare(b[key]),
    );
}
