import { ClientError } from '../../http/exchange';

export interface DigitalOceanPage<T> {
  items: T[];
  links: { pages: Partial<Record<'first' | 'prev' | 'next' | 'last', string>> };
  meta: { total: number };
}

/**
 * DigitalOcean pagination: `page` from 1, `per_page` 1..200 (default 20); `links.pages` holds only
 * the links that make sense, always present even when empty (reference digitalocean.md §2.2).
 */
export function paginateDigitalOcean<T>(items: T[], url: URL): DigitalOceanPage<T> {
  const page = integerParam(url.searchParams, 'page', 1);
  const perPage = integerParam(url.searchParams, 'per_page', 20);
  if (page < 1) throw new ClientError(400, 'page must be a positive integer');
  if (perPage < 1 || perPage > 200)
    throw new ClientError(400, 'per_page must be between 1 and 200');
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number) => {
    const target = new URL(url);
    target.searchParams.set('page', String(n));
    return target.toString();
  };
  const pages: DigitalOceanPage<T>['links']['pages'] = {};
  if (page > 1) Object.assign(pages, { first: link(1), prev: link(Math.min(page - 1, last)) });
  if (page < last) Object.assign(pages, { next: link(page + 1), last: link(last) });
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    links: { pages },
    meta: { total: items.length },
  };
}

function integerParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new ClientError(400, `${name} must be a positive integer`);
  return Number(raw);
}
