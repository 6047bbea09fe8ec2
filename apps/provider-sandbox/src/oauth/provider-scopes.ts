/** The scope vocabularies the emulated servers accept (references linode.md §1.8, do.md §1.9). */
export const LINODE_FAMILIES = [
  'account',
  'databases',
  'domains',
  'events',
  'firewall',
  'images',
  'ips',
  'linodes',
  'lke',
  'longview',
  'nodebalancers',
  'object_storage',
  'stackscripts',
  'volumes',
  'vpc',
] as const;

const LINODE_LEVELS: Record<string, 'read_only' | 'read_write' | '*'> = {
  read_only: 'read_only',
  read_write: 'read_write',
  '*': '*',
  // Pre-2019 levels still work (linode_api4-python issue #150).
  view: 'read_only',
  create: 'read_write',
  modify: 'read_write',
  delete: 'read_write',
};

/** Linode: `*`, `family`, `family:level`, separated by commas, spaces or `+`. Unknown ones are dropped. */
export function parseLinodeScopes(value: string): string[] {
  const scopes = new Set<string>();
  for (const token of value.split(/[ ,+]+/).filter(Boolean)) {
    if (token === '*') return ['*'];
    const [family, level = '*'] = token.split(':');
    const normalized = LINODE_LEVELS[level];
    if (normalized && (LINODE_FAMILIES as readonly string[]).includes(family ?? '')) {
      scopes.add(`${family}:${normalized}`);
    }
  }
  return [...scopes];
}

/** Does a Linode grant cover `family:read_only` or `family:read_write`? */
export function linodeGrantCovers(granted: string[], required: string): boolean {
  if (granted.includes('*')) return true;
  const [family, level] = required.split(':');
  return granted.some((scope) => {
    const [f, l] = scope.split(':');
    return (
      f === family && (l === '*' || l === level || (l === 'read_write' && level === 'read_only'))
    );
  });
}

const DIGITALOCEAN_RESOURCES = [
  'account',
  'actions',
  'droplet',
  'image',
  'regions',
  'sizes',
  'ssh_key',
  'tag',
  'vpc',
  'block_storage',
  'monitoring',
  'database',
  'domain',
  'firewall',
  'load_balancer',
  'project',
  'snapshot',
  'kubernetes',
  'registry',
  'spaces',
  'cdn',
  'certificate',
  'reserved_ip',
  'app',
] as const;

/** DigitalOcean: legacy `read`/`write` or `resource:action`; anything else is invalid_scope. */
export function parseDigitalOceanScopes(value: string): { scopes: string[]; invalid: string[] } {
  const scopes = new Set<string>();
  const invalid: string[] = [];
  for (const token of value.split(/ +/).filter(Boolean)) {
    const [resource, action] = token.split(':');
    const known =
      token === 'read' ||
      token === 'write' ||
      ((DIGITALOCEAN_RESOURCES as readonly string[]).includes(resource ?? '') &&
        ['create', 'read', 'update', 'delete'].includes(action ?? ''));
    if (known) scopes.add(token);
    else invalid.push(token);
  }
  // The documented default when no scope is requested.
  return { scopes: scopes.size > 0 ? [...scopes] : ['read'], invalid };
}

/** Legacy `read` implies every `*:read`; `write` every create/update/delete (do.md §1.9). */
export function digitalOceanGrantCovers(granted: string[], required: string): boolean {
  if (granted.includes(required)) return true;
  const action = required.split(':')[1];
  if (action === 'read') return granted.includes('read');
  return granted.includes('write');
}
