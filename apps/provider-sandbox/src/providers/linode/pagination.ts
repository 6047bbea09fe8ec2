import { ClientError } from '../../http/exchange';

export interface LinodePage<T> {
  data: T[];
  page: number;
  pages: number;
  results: number;
}

/** Linode pagination: `page` from 1, `page_size` 25..500 (default 100); reference linode.md §2.2. */
export function paginateLinode<T>(items: T[], query: URLSearchParams): LinodePage<T> {
  const page = integerParam(query, 'page', 1);
  const pageSize = integerParam(query, 'page_size', 100);
  if (page < 1) throw new ClientError(400, 'page must be a positive integer', 'page');
  if (pageSize < 25 || pageSize > 500) {
    throw new ClientError(400, 'page_size must be between 25 and 500', 'page_size');
  }
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  // Past the end the API answers the last page (linode.md §2.2).
  const current = Math.min(page, pages);
  return {
    data: items.slice((current - 1) * pageSize, current * pageSize),
    page: current,
    pages,
    results: items.length,
  };
}

function integerParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw))
    throw new ClientError(400, `${name} must be a positive integer`, name);
  return Number(raw);
}
