import { parseLaunchpadScopes } from '@launchpad/shared-scopes';
import { and, eq, gt, lt } from 'drizzle-orm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LaunchpadDb } from '../database/database';
import { deviceCodeTombstones, deviceCodes } from '../database/schema';
import {
  DEVICE_CODE_GRANT,
  type OAuthClient,
  type OAuthClientsService,
} from './oauth-clients.service';
import { OAuthError } from './oauth-error';
import type { OAuthTokensService, TokenResponse } from './oauth-tokens.service';
import { formatUserCode, generateUserCode } from './user-code';

export const DEVICE_CODE_TTL_S = 600;
export const POLL_INTERVAL_S = 5;
/** Network jitter: a poll this much early still counts as on time (never a spurious slow_down). */
const POLL_TOLERANCE_MS = 1_000;
/** Expired codes are kept this long, then reduced to a tombstone (kept 90 days). */
const KEEP_EXPIRED_MS = 24 * 3_600_000;
const KEEP_TOMBSTONE_MS = 90 * 24 * 3_600_000;

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export interface DeviceAuthorizationResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

/** A pending code as the activation page shows it. */
export interface PendingActivation {
  userCode: string;
  clientId: string;
  clientName: string;
  scopes: string[];
  expiresAt: Date;
}

/**
 * RFC 8628: device authorization, the polling token grant and the person's decision. Polling
 * is checked per device code with tolerance for jitter (the first poll is never `slow_down`);
 * a code is consumed atomically, so of concurrent polls on any instances exactly one gets
 * tokens; a replay revokes them; an expired code answers `expired_token` even after clean-up.
 */
export class DeviceFlowService {
  constructor(
    private readonly db: LaunchpadDb,
    private readonly clients: OAuthClientsService,
    private readonly tokens: OAuthTokensService,
    private readonly verificationUri: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authorize(
    client: OAuthClient,
    scope: string | undefined,
  ): Promise<DeviceAuthorizationResponse> {
    if (!client.grantTypes.split(' ').includes(DEVICE_CODE_GRANT)) {
      throw new OAuthError('unauthorized_client', 'This client may not use the device flow.');
    }
    const scopes = this.scopesFor(client, scope);
    const deviceCode = randomBytes(32).toString('base64url');
    for (let attempt = 0; ; attempt++) {
      const userCode = generateUserCode();
      try {
        await this.db.insert(deviceCodes).values({
          deviceCodeHash: hashCode(deviceCode),
          userCode,
          clientId: client.clientId,
          scopes,
          intervalSeconds: POLL_INTERVAL_S,
          expiresAt: new Date(this.now().getTime() + DEVICE_CODE_TTL_S * 1000),
          createdAt: this.now(),
        });
        const display = formatUserCode(userCode);
        return {
          device_code: deviceCode,
          user_code: display,
          verification_uri: this.verificationUri,
          verification_uri_complete: `${this.verificationUri}?user_code=${display}`,
          expires_in: DEVICE_CODE_TTL_S,
          interval: POLL_INTERVAL_S,
        };
      } catch (error) {
        // A user code already live (1 in 2.56e10 per live code): draw another.
        if (attempt >= 4) throw error;
      }
    }
  }

  /** The device_code grant (RFC 8628 §3.4–3.5). */
  async poll(client: OAuthClient, deviceCode: string | undefined): Promise<TokenResponse> {
    if (!deviceCode) throw new OAuthError('invalid_request', 'device_code is required.');
    const hash = hashCode(deviceCode);
    const [row] = await this.db
      .select()
      .from(deviceCodes)
      .where(eq(deviceCodes.deviceCodeHash, hash));
    if (!row) {
      const [tombstone] = await this.db
        .select()
        .from(deviceCodeTombstones)
        .where(eq(deviceCodeTombstones.deviceCodeHash, hash));
      if (tombstone) throw new OAuthError('expired_token', 'The device code has expired.');
      throw new OAuthError('invalid_grant', 'Unknown device code.');
    }
    if (row.clientId !== client.clientId) {
      throw new OAuthError('invalid_grant', 'The device code was issued to another client.');
    }
    const now = this.now();
    if (row.status === 'consumed') {
      if (row.familyId) await this.tokens.revokeFamily(row.familyId);
      throw new OAuthError(
        'invalid_grant',
        'The device code was already used; the tokens issued for it are revoked.',
      );
    }
    if (row.expiresAt <= now) throw new OAuthError('expired_token', 'The device code has expired.');
    if (row.status === 'denied') throw new OAuthError('access_denied', 'The request was denied.');
    if (row.status === 'pending') {
      const early =
        row.lastPollAt !== null &&
        now.getTime() - row.lastPollAt.getTime() < row.intervalSeconds * 1000 - POLL_TOLERANCE_MS;
      const interval = early ? row.intervalSeconds + 5 : row.intervalSeconds;
      await this.db
        .update(deviceCodes)
        .set({ lastPollAt: now, intervalSeconds: interval })
        .where(eq(deviceCodes.deviceCodeHash, hash));
      if (early) {
        throw new OAuthError(
          'slow_down',
          `Polling too fast: wait at least ${interval} seconds between requests.`,
          400,
          { 'Retry-After': String(interval) },
        );
      }
      throw new OAuthError('authorization_pending', 'The person has not decided yet.');
    }
    // Approved: exactly one poll takes it.
    const familyId = randomUUID();
    const [won] = await this.db
      .update(deviceCodes)
      .set({ status: 'consumed', familyId })
      .where(and(eq(deviceCodes.deviceCodeHash, hash), eq(deviceCodes.status, 'approved')))
      .returning();
    if (!won?.userId) {
      throw new OAuthError('invalid_grant', 'The device code was already used.');
    }
    return this.tokens.issue(
      { userId: won.userId, clientId: won.clientId, scopes: won.scopes },
      familyId,
    );
  }

  /** A code still waiting for a decision, with what the activation page shows. */
  async pending(userCode: string): Promise<PendingActivation | undefined> {
    const [row] = await this.db
      .select()
      .from(deviceCodes)
      .where(
        and(
          eq(deviceCodes.userCode, userCode),
          eq(deviceCodes.status, 'pending'),
          gt(deviceCodes.expiresAt, this.now()),
        ),
      );
    if (!row) return undefined;
    const client = await this.clients.find(row.clientId);
    return {
      userCode: formatUserCode(row.userCode),
      clientId: row.clientId,
      clientName: client?.name ?? row.clientId,
      scopes: row.scopes.split(' ').filter(Boolean),
      expiresAt: row.expiresAt,
    };
  }

  /** Approve or deny, once: a used, denied or expired code cannot be decided again. */
  async decide(userCode: string, userId: string, approve: boolean): Promise<boolean> {
    const decided = await this.db
      .update(deviceCodes)
      .set({ status: approve ? 'approved' : 'denied', userId })
      .where(
        and(
          eq(deviceCodes.userCode, userCode),
          eq(deviceCodes.status, 'pending'),
          gt(deviceCodes.expiresAt, this.now()),
        ),
      )
      .returning({ hash: deviceCodes.deviceCodeHash });
    return decided.length === 1;
  }

  /** Expired codes older than a day become tombstones; old tombstones go. */
  async sweep(): Promise<void> {
    const now = this.now().getTime();
    const cutoff = new Date(now - KEEP_EXPIRED_MS);
    await this.db.transaction(async (tx) => {
      await tx
        .insert(deviceCodeTombstones)
        .select(
          tx
            .select({
              deviceCodeHash: deviceCodes.deviceCodeHash,
              expiredAt: deviceCodes.expiresAt,
            })
            .from(deviceCodes)
            .where(lt(deviceCodes.expiresAt, cutoff)),
        )
        .onConflictDoNothing();
      await tx.delete(deviceCodes).where(lt(deviceCodes.expiresAt, cutoff));
      await tx
        .delete(deviceCodeTombstones)
        .where(lt(deviceCodeTombstones.expiredAt, new Date(now - KEEP_TOMBSTONE_MS)));
    });
  }

  private scopesFor(client: OAuthClient, scope: string | undefined): string {
    if (scope === undefined || scope.trim() === '') return client.defaultScopes;
    const { scopes, unknown } = parseLaunchpadScopes(scope);
    const allowed = client.allowedScopes.split(' ');
    const refused = [...unknown, ...scopes.filter((s) => !allowed.includes(s))];
    if (refused.length > 0) {
      throw new OAuthError('invalid_scope', `Unknown or not allowed scope: ${refused.join(' ')}.`);
    }
    return [...new Set(scopes)].join(' ');
  }
}
