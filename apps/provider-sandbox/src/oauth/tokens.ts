import { randomBytes } from 'node:crypto';
import type { SandboxClock } from '../state/clock';
import type { AccessGrant, AuthorizationCode, Provider } from '../state/sandbox-state';
import type { StateStore } from '../state/state-store';

/** Token formats of the real services: Linode 64 hex; DigitalOcean doo_v1_/dor_v1_ + 64 hex. */
function mint(provider: Provider, kind: 'access' | 'refresh'): string {
  const body = randomBytes(32).toString('hex');
  if (provider === 'linode') return body;
  return `${kind === 'access' ? 'doo' : 'dor'}_v1_${body}`;
}

export type GrantFailure = 'invalid_grant' | 'invalid_client';

/** Authorization codes, access and refresh tokens of both emulated OAuth servers. */
export class TokenService {
  constructor(
    private readonly store: StateStore,
    private readonly clock: SandboxClock,
  ) {}

  issueCode(code: Omit<AuthorizationCode, 'code' | 'expiresAt'>): string {
    const value = randomBytes(10).toString('hex');
    const { settings, codes } = this.store.state;
    codes[value] = {
      ...code,
      code: value,
      expiresAt: this.clock.now() + settings.authorizationCodeLifetime * 1000,
    };
    this.store.changed();
    return value;
  }

  /** Takes a code out of the store: it is single-use whatever happens next. */
  consumeCode(value: string): AuthorizationCode | undefined {
    const code = this.store.state.codes[value];
    if (!code) return undefined;
    delete this.store.state.codes[value];
    this.store.changed();
    return code.expiresAt > this.clock.now() ? code : undefined;
  }

  issue(
    grant: Pick<AccessGrant, 'provider' | 'clientId' | 'userId' | 'scopes'>,
    withRefresh = true,
  ): AccessGrant {
    const { settings, grants, refreshTokens } = this.store.state;
    const lifetime =
      grant.provider === 'linode'
        ? settings.linodeTokenLifetime
        : settings.digitalOceanTokenLifetime;
    const now = this.clock.now();
    const issued: AccessGrant = {
      ...grant,
      accessToken: mint(grant.provider, 'access'),
      refreshToken: withRefresh ? mint(grant.provider, 'refresh') : null,
      issuedAt: now,
      expiresAt: now + lifetime * 1000,
    };
    grants[issued.accessToken] = issued;
    if (issued.refreshToken) refreshTokens[issued.refreshToken] = issued.accessToken;
    this.store.changed();
    return issued;
  }

  /**
   * Refresh tokens are single-use and rotate both tokens; the old access token dies at once
   * (DigitalOcean documents this; Linode rotates both as well).
   */
  refresh(
    provider: Provider,
    refreshToken: string,
    clientId: string | null,
  ): AccessGrant | GrantFailure {
    const { refreshTokens, grants } = this.store.state;
    const accessToken = refreshTokens[refreshToken];
    const old = accessToken ? grants[accessToken] : undefined;
    if (!old || old.provider !== provider) return 'invalid_grant';
    if (clientId !== null && old.clientId !== clientId) return 'invalid_grant';
    this.revokeGrant(old);
    return this.issue({ provider, clientId: old.clientId, userId: old.userId, scopes: old.scopes });
  }

  /** Revokes the grant an access or refresh token belongs to (both tokens die). */
  revoke(token: string): boolean {
    const { grants, refreshTokens } = this.store.state;
    const grant = grants[token] ?? grants[refreshTokens[token] ?? ''];
    if (!grant) return false;
    this.revokeGrant(grant);
    return true;
  }

  /** The live grant of a bearer token, or undefined when unknown, revoked or expired. */
  authenticate(provider: Provider, accessToken: string): AccessGrant | undefined {
    const grant = this.store.state.grants[accessToken];
    if (!grant || grant.provider !== provider || grant.expiresAt <= this.clock.now())
      return undefined;
    return grant;
  }

  expiresInSeconds(grant: AccessGrant): number {
    return Math.max(0, Math.round((grant.expiresAt - this.clock.now()) / 1000));
  }

  private revokeGrant(grant: AccessGrant): void {
    delete this.store.state.grants[grant.accessToken];
    if (grant.refreshToken) delete this.store.state.refreshTokens[grant.refreshToken];
    this.store.changed();
  }
}
