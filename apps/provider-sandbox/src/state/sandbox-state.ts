export type Provider = 'linode' | 'digitalocean';

export interface DemoUser {
  id: string;
  provider: Provider;
  username: string;
  email: string;
  /** DigitalOcean binds tokens to a team (info.team_uuid). */
  team?: { uuid: string; name: string };
}

export interface OAuthClient {
  provider: Provider;
  clientId: string;
  clientSecret: string;
  label: string;
  /** Linode matches redirect URIs by prefix, DigitalOcean exactly (references §1.2). */
  redirectUris: string[];
}

export interface AuthorizationCode {
  code: string;
  provider: Provider;
  clientId: string;
  userId: string;
  scopes: string[];
  redirectUri: string | null;
  codeChallenge: string | null;
  expiresAt: number;
}

export interface AccessGrant {
  accessToken: string;
  refreshToken: string | null;
  provider: Provider;
  clientId: string;
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** Its GrantRecord in the audit. */
  auditId?: number;
}

/** One grant's life: issued, then maybe rotated by a refresh or revoked. */
export interface GrantRecord {
  id: number;
  provider: Provider;
  clientId: string;
  userId: string;
  scopes: string[];
  accessToken: string;
  refreshToken: string | null;
  issuedAt: number;
  expiresAt: number;
  /** How it came to be: a code exchange, a refresh of grant `refreshedFrom`, or a test helper. */
  via: 'authorization_code' | 'refresh_token' | 'direct';
  refreshedFrom: number | null;
  endedAt: number | null;
  endedBy: 'revoked' | 'refreshed' | null;
}

export interface OAuthAudit {
  nextGrantId: number;
  grants: GrantRecord[];
  /** Token endpoint calls by `provider grant_type outcome`, e.g. `linode refresh_token ok`. */
  tokenRequests: Record<string, number>;
}

export interface Settings {
  /** Seconds; Linode issues 2-hour tokens, DigitalOcean 30-day ones. */
  linodeTokenLifetime: number;
  digitalOceanTokenLifetime: number;
  authorizationCodeLifetime: number;
  /** How long a new server provisions, then boots (and a reboot takes), in sandbox seconds. */
  provisionSeconds: number;
  bootSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = {
  linodeTokenLifetime: 7200,
  digitalOceanTokenLifetime: 2_592_000,
  authorizationCodeLifetime: 600,
  provisionSeconds: 4,
  bootSeconds: 3,
};

/** Everything the sandbox remembers; persisted as one JSON document. */
export interface SandboxState {
  version: 1;
  settings: Settings;
  codes: Record<string, AuthorizationCode>;
  /** By access token. */
  grants: Record<string, AccessGrant>;
  /** Refresh token → access token of the grant it belongs to. */
  refreshTokens: Record<string, string>;
  /** What the OAuth servers did, for tests and demos to check (GET /_sandbox/grants). */
  audit: OAuthAudit;
  linode: { nextId: number; instances: LinodeInstanceRecord[] };
  digitalocean: {
    nextId: number;
    nextActionId: number;
    droplets: DropletRecord[];
    actions: DropletActionRecord[];
  };
}

export interface LinodeInstanceRecord {
  id: number;
  ownerId: string;
  label: string;
  group: string;
  type: string;
  region: string;
  image: string | null;
  tags: string[];
  ipv4: string[];
  ipv6: string;
  createdAt: number;
  booted: boolean;
  rebootedAt: number | null;
  stackscriptId: number | null;
  hasUserData: boolean;
}

export interface DropletRecord {
  id: number;
  ownerId: string;
  name: string;
  size: string;
  region: string;
  image: string;
  tags: string[];
  ipv4: string;
  privateIpv4: string;
  createdAt: number;
  powered: boolean;
  /** When the last power action started: the droplet is "off" for bootSeconds. */
  actionAt: number | null;
  userData: string | null;
}

export interface DropletActionRecord {
  id: number;
  ownerId: string;
  dropletId: number;
  type: 'create' | 'reboot' | 'power_off' | 'power_on';
  region: string;
  startedAt: number;
  durationSeconds: number;
}

export function emptyState(): SandboxState {
  return {
    version: 1,
    settings: { ...DEFAULT_SETTINGS },
    codes: {},
    grants: {},
    refreshTokens: {},
    audit: { nextGrantId: 1, grants: [], tokenRequests: {} },
    linode: { nextId: 40_000_001, instances: [] },
    digitalocean: { nextId: 500_000_001, nextActionId: 2_000_000_001, droplets: [], actions: [] },
  };
}
