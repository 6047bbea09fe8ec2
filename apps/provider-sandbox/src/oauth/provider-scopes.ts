import {
  type DigitalOceanScope,
  digitalOceanCovers,
  formatLinodeScope,
  linodeCovers,
  parseDigitalOceanScopes as parseDigitalOcean,
  parseLinodeScopes as parseLinode,
} from '@launchpad/shared-scopes';

/**
 * The emulated servers' view of scopes, on the shared scope models: grants are stored as the
 * strings the real servers answer with.
 */

/** Linode drops what it does not know, and answers with the rest (reference linode.md §1.8). */
export function parseLinodeScopes(value: string): string[] {
  const { scopes } = parseLinode(value);
  return scopes.some((s) => s.family === '*') ? ['*'] : scopes.map(formatLinodeScope);
}

/** Does a Linode grant cover `family:read_only` or `family:read_write`? */
export function linodeGrantCovers(granted: string[], required: string): boolean {
  return linodeCovers(parseLinode(granted.join(' ')).scopes, parseLinode(required).scopes);
}

/** DigitalOcean refuses unknown scopes (an error page); `read` is the default (do.md §1.9). */
export function parseDigitalOceanScopes(value: string): { scopes: string[]; invalid: string[] } {
  const { scopes, unknown } = parseDigitalOcean(value);
  return { scopes: scopes.length > 0 ? scopes : ['read'], invalid: unknown };
}

export function digitalOceanGrantCovers(granted: string[], required: string): boolean {
  return digitalOceanCovers(granted as DigitalOceanScope[], [required as DigitalOceanScope]);
}
