/**
 * Linode OAuth scopes (reference linode.md §1.8): `<family>:<level>` with `read_only` ⊂
 * `read_write` ⊂ `*`, and bare `*` for everything. Requests send them comma-separated; responses
 * and headers are space-separated; the login server also takes `+`.
 */
export const LINODE_SCOPE_FAMILIES = [
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

export type LinodeScopeFamily = (typeof LINODE_SCOPE_FAMILIES)[number];
export type LinodeScopeLevel = 'read_only' | 'read_write' | '*';

/** One scope; `family: '*'` is the bare `*` that grants everything. */
export interface LinodeScope {
  family: LinodeScopeFamily | '*';
  level: LinodeScopeLevel;
}

const LEVEL_RANK: Record<LinodeScopeLevel, number> = { read_only: 1, read_write: 2, '*': 3 };

/** Pre-2019 levels still accepted by Linode (linode_api4-python issue #150). */
const LEGACY_LEVELS: Record<string, LinodeScopeLevel> = {
  view: 'read_only',
  create: 'read_write',
  modify: 'read_write',
  delete: 'read_write',
};

export function isLinodeFamily(value: string): value is LinodeScopeFamily {
  return (LINODE_SCOPE_FAMILIES as readonly string[]).includes(value);
}

export function formatLinodeScope(scope: LinodeScope): string {
  return scope.family === '*' ? '*' : `${scope.family}:${scope.level}`;
}

export interface ParsedLinodeScopes {
  scopes: LinodeScope[];
  /** Tokens that name no known family or level; kept to report, never granted. */
  unknown: string[];
}

/** Parses a scope string separated by commas, spaces or `+`; `family` alone means `family:*`. */
export function parseLinodeScopes(value: string): ParsedLinodeScopes {
  const scopes = new Map<string, LinodeScope>();
  const unknown: string[] = [];
  for (const token of value.split(/[ ,+]+/).filter(Boolean)) {
    if (token === '*') {
      scopes.set('*', { family: '*', level: '*' });
      continue;
    }
    const [family = '', rawLevel = '*', ...rest] = token.split(':');
    const level =
      rawLevel === 'read_only' || rawLevel === 'read_write' || rawLevel === '*'
        ? rawLevel
        : LEGACY_LEVELS[rawLevel];
    if (!isLinodeFamily(family) || !level || rest.length > 0) {
      unknown.push(token);
      continue;
    }
    // Keep the highest level named for a family.
    const existing = scopes.get(family);
    if (!existing || LEVEL_RANK[level] > LEVEL_RANK[existing.level])
      scopes.set(family, { family, level });
  }
  return { scopes: [...scopes.values()], unknown };
}

/** Serializes for the authorize request (comma-joined, as the official clients send) or for display. */
export function serializeLinodeScopes(
  scopes: readonly LinodeScope[],
  separator: ',' | ' ' = ',',
): string {
  if (scopes.some((s) => s.family === '*')) return '*';
  return [...new Set(scopes.map(formatLinodeScope))].sort().join(separator);
}

function coversOne(granted: readonly LinodeScope[], required: LinodeScope): boolean {
  return granted.some(
    (g) =>
      g.family === '*' ||
      (required.family !== '*' &&
        g.family === required.family &&
        LEVEL_RANK[g.level] >= LEVEL_RANK[required.level]),
  );
}

/** The required scopes the grant does not cover (empty when it covers them all). */
export function missingLinodeScopes(
  granted: readonly LinodeScope[],
  required: readonly LinodeScope[],
): LinodeScope[] {
  return required.filter((r) => !coversOne(granted, r));
}

export function linodeCovers(
  granted: readonly LinodeScope[],
  required: readonly LinodeScope[],
): boolean {
  return missingLinodeScopes(granted, required).length === 0;
}

const FAMILY_WORDS: Record<LinodeScopeFamily, string> = {
  account: 'your account, billing and users',
  databases: 'managed databases',
  domains: 'DNS domains',
  events: 'account events',
  firewall: 'cloud firewalls',
  images: 'images',
  ips: 'IP addresses',
  linodes: 'Linodes (servers)',
  lke: 'Kubernetes clusters',
  longview: 'Longview monitoring',
  nodebalancers: 'NodeBalancers',
  object_storage: 'Object Storage',
  stackscripts: 'StackScripts',
  volumes: 'block storage volumes',
  vpc: 'VPCs',
};

/** In words, for consent and insufficient-scope pages: "Create, change and delete Linodes (servers)". */
export function describeLinodeScope(scope: LinodeScope): string {
  if (scope.family === '*') return 'Full access to everything in your Linode account';
  const what = FAMILY_WORDS[scope.family];
  return scope.level === 'read_only'
    ? `See your ${what}`
    : `See, create, change and delete your ${what}`;
}

type FamilyBuilder = { readOnly: LinodeScope; readWrite: LinodeScope; all: LinodeScope };

/**
 * A builder in the style of linode_api4-python's OAuthScopes:
 * `LinodeScopes.linodes.readWrite`, `LinodeScopes.all`.
 */
export const LinodeScopes = {
  all: { family: '*', level: '*' } as LinodeScope,
  ...(Object.fromEntries(
    LINODE_SCOPE_FAMILIES.map((family) => [
      family,
      {
        readOnly: { family, level: 'read_only' },
        readWrite: { family, level: 'read_write' },
        all: { family, level: '*' },
      },
    ]),
  ) as Record<LinodeScopeFamily, FamilyBuilder>),
};
