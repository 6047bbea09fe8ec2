import { randomBytes } from 'node:crypto';
import type { SandboxClock } from '../state/clock';
import type { AccessGrant, AuthorizationCode, GrantRecord, Provider } from '../state/sandbox-state';
import type { StateStore } from '../state/state-store';

/** Token formats of the real services: Linode 64 hex; DigitalOcean doo_v1_/dor_v1_ + 64 hex. */
function mint(provider: Provider, kind: 'access' | 'refresh'): string {
  const body = randomBytes(32).toString('hex');
  if (provider === 'linode') return body;
  return `${kind === 'access' ? 'doo' : 'dor'}_v1_${body}`;
}

export type GrantFailure = 'invalid_grant' | 'invalid_client';

/** The audit keeps the newest grants only, so a long-running sandbox does not grow without end. */
const AUDIT_LIMIT = 10_000;

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
    via: GrantRecord['via'] = 'direct',
    refreshedFrom: number | null = null,
  ): AccessGrant {
    const { settings, grants, refreshTokens, audit } = this.store.state;
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
      auditId: audit.nextGrantId++,
    };
    audit.grants.push({
      id: issued.auditId ?? 0,
      provider: issued.provider,
      clientId: issued.clientId,
      userId: issued.userId,
      scopes: issued.scopes,
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      issuedAt: issued.issuedAt,
      expiresAt: issued.expiresAt,
      via,
      refreshedFrom,
      endedAt: null,
      endedBy: null,
    });
    if (audit.grants.length > AUDIT_LIMIT)
      audit.grants.splice(0, audit.grants.length - AUDIT_LIMIT);
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
    this.revokeGrant(old, 'refreshed');
    return this.issue(
      { provider, clientId: old.clientId, userId: old.userId, scopes: old.scopes },
      true,
      'refresh_token',
      old.auditId ?? null,
    );
  }

  /** Revokes the grant an access or refresh token belongs to (both tokens die). */
  revoke(token: string): boolean {
    const { grants, refreshTokens } = this.store.state;
    const grant = grants[token] ?? grants[refreshTokens[token] ?? ''];
    if (!grant) return false;
    this.revokeGrant(grant, 'revoked');
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

  /** Counts a token endpoint call for the audit, e.g. (`linode`, `refresh_token`, `invalid_grant`). */
  countRequest(provider: Provider, grantType: string, outcome: string): void {
    const key = `${provider} ${grantType} ${outcome}`;
    const counts = this.store.state.audit.tokenRequests;
    counts[key] = (counts[key] ?? 0) + 1;
    this.store.changed();
  }

  /** The audit with each grant's current status (`expired` is judged by the sandbox clock). */
  auditReport(filter: { provider?: string; userId?: string }) {
    const now = this.clock.now();
    const { grants, tokenRequests } = this.store.state.audit;
    return {
      grants: grants
        .filter(
          (g) =>
            (!filter.provider || g.provider === filter.provider) &&
            (!filter.userId || g.userId === filter.userId),
        )
        .map((g) => ({
          ...g,
          issuedAt: new Date(g.issuedAt).toISOString(),
          expiresAt: new Date(g.expiresAt).toISOString(),
          endedAt: g.endedAt === null ? null : new Date(g.endedAt).toISOString(),
          status: g.endedBy ?? (g.expiresAt <= now ? 'expired' : 'active'),
        })),
      tokenRequests,
    };
  }

  private revokeGrant(grant: AccessGrant, reason: 'revoked' | 'refreshed'): void {
    const record = this.store.state.audit.grants.find((g) => g.id === grant.auditId);
    if (record) {
      record.endedAt = this.clock.now();
      record.endedBy = reason;
    }
    delete this.store.state.grants[grant.accessToken];
    if (grant.refreshToken) delete this.store.state.refreshTokens[grant.refreshToken];
    this.store.changed();
  }
}
