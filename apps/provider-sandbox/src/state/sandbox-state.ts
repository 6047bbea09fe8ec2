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
}

export interface Settings {
  /** Seconds; Linode issues 2-hour tokens, DigitalOcean 30-day ones. */
  linodeTokenLifetime: number;
  digitalOceanTokenLifetime: number;
  authorizationCodeLifetime: number;
}

export const DEFAULT_SETTINGS: Settings = {
  linodeTokenLifetime: 7200,
  digitalOceanTokenLifetime: 2_592_000,
  authorizationCodeLifetime: 600,
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
}

export function emptyState(): SandboxState {
  return {
    version: 1,
    settings: { ...DEFAULT_SETTINGS },
    codes: {},
    grants: {},
    refreshTokens: {},
  };
}
