/**
 * DigitalOcean OAuth scopes (reference digitalocean.md §1.9): legacy `read` and `write`, and
 * granular `<resource>:<create|read|update|delete>`, space-separated. Legacy `read` implies every
 * `*:read`; legacy `write` every create, update and delete.
 */
export const DIGITALOCEAN_ACTIONS = ['create', 'read', 'update', 'delete'] as const;
export type DigitalOceanAction = (typeof DIGITALOCEAN_ACTIONS)[number];

export const DIGITALOCEAN_RESOURCES = [
  'account',
  'actions',
  'app',
  'block_storage',
  'cdn',
  'certificate',
  'database',
  'domain',
  'droplet',
  'firewall',
  'image',
  'kubernetes',
  'load_balancer',
  'monitoring',
  'project',
  'regions',
  'registry',
  'reserved_ip',
  'sizes',
  'snapshot',
  'spaces',
  'ssh_key',
  'tag',
  'vpc',
] as const;
export type DigitalOceanResource = (typeof DIGITALOCEAN_RESOURCES)[number];

export type DigitalOceanScope = 'read' | 'write' | `${DigitalOceanResource}:${DigitalOceanAction}`;

export function isDigitalOceanScope(token: string): token is DigitalOceanScope {
  if (token === 'read' || token === 'write') return true;
  const [resource, action, ...rest] = token.split(':');
  return (
    rest.length === 0 &&
    (DIGITALOCEAN_RESOURCES as readonly string[]).includes(resource ?? '') &&
    (DIGITALOCEAN_ACTIONS as readonly string[]).includes(action ?? '')
  );
}

export interface ParsedDigitalOceanScopes {
  scopes: DigitalOceanScope[];
  unknown: string[];
}

export function parseDigitalOceanScopes(value: string): ParsedDigitalOceanScopes {
  const scopes = new Set<DigitalOceanScope>();
  const unknown: string[] = [];
  for (const token of value.split(/ +/).filter(Boolean)) {
    if (isDigitalOceanScope(token)) scopes.add(token);
    else unknown.push(token);
  }
  return { scopes: [...scopes], unknown };
}

/** Space-separated, sorted, without duplicates: what the authorize request sends. */
export function serializeDigitalOceanScopes(scopes: Iterable<DigitalOceanScope>): string {
  return [...new Set(scopes)].sort().join(' ');
}

function coversOne(granted: ReadonlySet<DigitalOceanScope>, required: DigitalOceanScope): boolean {
  if (granted.has(required)) return true;
  if (required === 'read' || required === 'write') return false;
  const action = required.split(':')[1] as DigitalOceanAction;
  return action === 'read' ? granted.has('read') : granted.has('write');
}

export function missingDigitalOceanScopes(
  granted: Iterable<DigitalOceanScope>,
  required: Iterable<DigitalOceanScope>,
): DigitalOceanScope[] {
  const set = new Set(granted);
  return [...required].filter((r) => !coversOne(set, r));
}

export function digitalOceanCovers(
  granted: Iterable<DigitalOceanScope>,
  required: Iterable<DigitalOceanScope>,
): boolean {
  return missingDigitalOceanScopes(granted, required).length === 0;
}

const ACTION_WORDS: Record<DigitalOceanAction, string> = {
  create: 'Create',
  read: 'See',
  update: 'Change',
  delete: 'Delete',
};

/** In words, for consent and insufficient-scope pages: "Create droplets". */
export function describeDigitalOceanScope(scope: DigitalOceanScope): string {
  if (scope === 'read') return 'See everything in your DigitalOcean team';
  if (scope === 'write') return 'Create, change and delete anything in your DigitalOcean team';
  const [resource, action] = scope.split(':') as [DigitalOceanResource, DigitalOceanAction];
  return `${ACTION_WORDS[action]} ${resource.replace(/_/g, ' ')}${resource.endsWith('s') ? '' : 's'}`;
}
