import { type Exchange, sendJson } from '../../http/exchange';
import type { ErrorRenderer } from '../../http/realm';

/** Linode API v4 errors: `{"errors":[{"reason","field"?}]}` (reference linode.md §2.4). */
export const linodeApiErrors: ErrorRenderer = {
  render({ res }: Exchange, status: number, reason: string, field?: string) {
    sendJson(res, status, { errors: [field ? { reason, field } : { reason }] });
  },
  notFound(exchange: Exchange) {
    this.render(exchange, 404, 'Not found');
  },
};
