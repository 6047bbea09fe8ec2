import { and, eq, isNull } from 'drizzle-orm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDb, type LaunchpadDb, oauthTokens } from '@launchpad/api-database';
import { OAuthError } from '@launchpad/api-http';

export const ACCESS_TOKEN_TTL_S = 3600;
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 3600;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const mint = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

/** The token endpoint's success body (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** Who a valid access token speaks for. */
export interface BearerGrant {
  userId: string;
  clientId: string;
  scopes: string[];
  expiresAt: Date;
}

/**
 * Access and refresh tokens of Launchpad's authorization server: opaque, 256-bit, stored as
 * SHA-256. Refresh tokens rotate; presenting one that was already exchanged revokes its whole
 * family (RFC 9700 §4.14.2), as does replaying the device code that started the family.
 */
@Injectable()
export class OAuthTokensService {
  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A new access token (1 hour) and refresh token (30 days) for `grant`, in token family
   * `familyId`, written through `db` (a transaction of the caller's, or the database).
   */
  async issue(
    grant: { userId: string; clientId: string; scopes: string },
    familyId: string = randomUUID(),
    db: LaunchpadDb = this.db,
  ): Promise<TokenResponse> {
    const access = mint('lpa');
    const refresh = mint('lpr');
    const now = this.now().getTime();
    await db.insert(oauthTokens).values([
      {
        tokenHash: hashToken(access),
        kind: 'access',
        familyId,
        ...grant,
        expiresAt: new Date(now + ACCESS_TOKEN_TTL_S * 1000),
      },
      {
        tokenHash: hashToken(refresh),
        kind: 'refresh',
        familyId,
        ...grant,
        expiresAt: new Date(now + REFRESH_TOKEN_TTL_S * 1000),
      },
    ]);
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_S,
      refresh_token: refresh,
      scope: grant.scopes,
    };
  }

  /**
   * The refresh_token grant (RFC 6749 §6): rotation with reuse detection (RFC 9700 §4.14.2),
   * scope narrowing only. Every check comes before the token is spent, and spending it and
   * issuing its successors are one transaction: a refused request (`invalid_grant`,
   * `invalid_scope`) leaves the token as it was, except that presenting a token already
   * exchanged revokes its whole family. Throws OAuthError.
   */
  async refresh(
    clientId: string,
    refreshToken: string,
    scope: string | undefined,
  ): Promise<TokenResponse> {
    const hash = hashToken(refreshToken);
    const [row] = await this.db.select().from(oauthTokens).where(eq(oauthTokens.tokenHash, hash));
    const invalid = new OAuthError(
      'invalid_grant',
      'The refresh token is invalid, expired or revoked.',
    );
    if (!row || row.kind !== 'refresh' || row.clientId !== clientId || row.revokedAt) throw invalid;
    if (row.expiresAt <= this.now()) throw invalid;
    if (row.usedAt) return this.reused(row.familyId);
    const granted = row.scopes.split(' ').filter(Boolean);
    const asked = scope === undefined ? granted : scope.split(' ').filter(Boolean);
    if (asked.some((s) => !granted.includes(s))) {
      throw new OAuthError('invalid_scope', 'A refresh cannot widen the scope granted.');
    }
    const issued = await this.db.transaction(async (tx) => {
      // Exactly one exchange wins; a concurrent one finds the token spent, which is reuse.
      const [won] = await tx
        .update(oauthTokens)
        .set({ usedAt: this.now() })
        .where(and(eq(oauthTokens.tokenHash, hash), isNull(oauthTokens.usedAt)))
        .returning({ tokenHash: oauthTokens.tokenHash });
      if (!won) return undefined;
      return this.issue(
        { userId: row.userId, clientId, scopes: asked.join(' ') },
        row.familyId,
        tx,
      );
    });
    return issued ?? this.reused(row.familyId);
  }

  private async reused(familyId: string): Promise<never> {
    await this.revokeFamily(familyId);
    throw new OAuthError(
      'invalid_grant',
      'This refresh token was already used; every token of its grant is now revoked.',
    );
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .update(oauthTokens)
      .set({ revokedAt: this.now() })
      .where(and(eq(oauthTokens.familyId, familyId), isNull(oauthTokens.revokedAt)));
  }

  /**
   * RFC 7009: revokes a token of this client; a refresh token takes its family's access tokens
   * with it (and an access token its refresh token: the whole grant ends). Unknown tokens are
   * not an error.
   */
  async revoke(clientId: string, token: string): Promise<void> {
    const [row] = await this.db
      .select()
      .from(oauthTokens)
      .where(eq(oauthTokens.tokenHash, hashToken(token)));
    if (row && row.clientId === clientId) await this.revokeFamily(row.familyId);
  }

  /** A live token's record, or undefined (unknown, expired, revoked, or a used refresh token). */
  async active(token: string) {
    const [row] = await this.db
      .select()
      .from(oauthTokens)
      .where(eq(oauthTokens.tokenHash, hashToken(token)));
    if (!row || row.revokedAt || row.expiresAt <= this.now()) return undefined;
    if (row.kind === 'refresh' && row.usedAt) return undefined;
    return row;
  }

  /** The grant of a bearer access token presented to /api, or undefined. */
  async verifyAccess(token: string): Promise<BearerGrant | undefined> {
    if (!token.startsWith('lpa_') || token.length > 100) return undefined;
    const row = await this.active(token);
    if (!row || row.kind !== 'access') return undefined;
    return {
      userId: row.userId,
      clientId: row.clientId,
      scopes: row.scopes.split(' ').filter(Boolean),
      expiresAt: row.expiresAt,
    };
  }
}
