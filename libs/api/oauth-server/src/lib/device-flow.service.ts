import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { parseLaunchpadScopes } from '@launchpad/shared-scopes';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appConfig, deviceConfig } from '@launchpad/api-config';
import {
  InjectDb,
  type LaunchpadDb,
  deviceCodeTombstones,
  deviceCodes,
} from '@launchpad/api-database';
import { OAuthError } from '@launchpad/api-http';
import { DeviceTokenPollMetrics } from '@launchpad/api-metrics';
import { OAuthTokensService, type TokenResponse } from '@launchpad/api-oauth-tokens';
import { DEVICE_CODE_GRANT, type OAuthClient, OAuthClientsService } from './oauth-clients.service';
import { formatUserCode, generateUserCode } from './user-code';

/** Network jitter: a poll this much early still counts as on time (never a spurious slow_down). */
const POLL_TOLERANCE_MS = 1_000;
/** RFC 8628 §3.5: each slow_down raises the device's interval by 5 seconds. */
const SLOW_DOWN_STEP_S = 5;
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
@Injectable()
export class DeviceFlowService {
  private readonly verificationUri: string;
  private readonly insertCode: ReturnType<typeof prepareInsert>;
  private readonly recordPoll: ReturnType<typeof preparePoll>;

  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    private readonly clients: OAuthClientsService,
    private readonly tokens: OAuthTokensService,
    @Inject(deviceConfig.KEY) private readonly device: ConfigType<typeof deviceConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
    private readonly pollMetrics: DeviceTokenPollMetrics,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {
    this.verificationUri = `${app.publicUrl}/activate`;
    this.insertCode = prepareInsert(db);
    this.recordPoll = preparePoll(db);
  }

  async authorize(
    client: OAuthClient,
    scope: string | undefined,
  ): Promise<DeviceAuthorizationResponse> {
    if (!client.grantTypes.split(' ').includes(DEVICE_CODE_GRANT)) {
      throw new OAuthError('unauthorized_client', 'This client may not use the device flow.');
    }
    const scopes = this.scopesFor(client, scope);
    const deviceCode = randomBytes(32).toString('base64url');
    const deviceCodeHash = hashCode(deviceCode);
    const now = this.now().getTime();
    const { codeTtlSeconds, pollIntervalSeconds } = this.device;
    // A user code already live (1 in 2.56e10 per live code) is not written: draw another.
    for (let attempt = 0; attempt < 5; attempt++) {
      const userCode = generateUserCode();
      const inserted = await this.insertCode.execute({
        deviceCodeHash,
        userCode,
        clientId: client.clientId,
        scopes,
        intervalSeconds: pollIntervalSeconds,
        expiresAt: new Date(now + codeTtlSeconds * 1000),
        createdAt: new Date(now),
      });
      if (inserted.length === 0) continue;
      const display = formatUserCode(userCode);
      return {
        device_code: deviceCode,
        user_code: display,
        verification_uri: this.verificationUri,
        verification_uri_complete: `${this.verificationUri}?user_code=${display}`,
        expires_in: codeTtlSeconds,
        interval: pollIntervalSeconds,
      };
    }
    throw new Error('no free user code in 5 draws');
  }

  /**
   * The device_code grant (RFC 8628 §3.4–3.5): the tokens, or the OAuthError to answer. Each
   * answer is counted by its RFC 8628 §3.5 / RFC 6749 §5.2 code, or as `issued`.
   */
  async poll(client: OAuthClient, deviceCode: string | undefined): Promise<TokenResponse> {
    try {
      const tokens = await this.answerPoll(client, deviceCode);
      this.pollMetrics.count('issued');
      return tokens;
    } catch (error) {
      // Anything but an OAuthError is answered `server_error` (ApiExceptionFilter).
      this.pollMetrics.count(error instanceof OAuthError ? error.error : 'server_error');
      throw error;
    }
  }

  private async answerPoll(
    client: OAuthClient,
    deviceCode: string | undefined,
  ): Promise<TokenResponse> {
    if (!deviceCode) throw new OAuthError('invalid_request', 'device_code is required.');
    const hash = hashCode(deviceCode);
    const [polled] = await this.recordPoll.execute({
      hash,
      clientId: client.clientId,
      now: this.now(),
    });
    if (polled) {
      if (polled.interval > polled.previousInterval) {
        throw new OAuthError(
          'slow_down',
          `Polling too fast: wait at least ${polled.interval} seconds between requests.`,
          400,
          { 'Retry-After': String(polled.interval) },
        );
      }
      throw new OAuthError('authorization_pending', 'The person has not decided yet.');
    }
    // Not a pending, live code of this client: say which case it is.
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
    if (row.status === 'consumed') {
      if (row.familyId) await this.tokens.revokeFamily(row.familyId);
      throw new OAuthError(
        'invalid_grant',
        'The device code was already used; the tokens issued for it are revoked.',
      );
    }
    if (row.expiresAt <= this.now()) {
      throw new OAuthError('expired_token', 'The device code has expired.');
    }
    if (row.status === 'denied') throw new OAuthError('access_denied', 'The request was denied.');
    // (A pending, live code of this client was recorded above: what is left is approved.)
    // Approved: exactly one poll takes it, and taking it and issuing the tokens are one
    // transaction, so that a failure in between leaves the code approved for the next poll.
    const familyId = randomUUID();
    const issued = await this.db.transaction(async (tx) => {
      const [won] = await tx
        .update(deviceCodes)
        .set({ status: 'consumed', familyId })
        .where(and(eq(deviceCodes.deviceCodeHash, hash), eq(deviceCodes.status, 'approved')))
        .returning();
      if (!won?.userId) return undefined;
      return this.tokens.issue(
        { userId: won.userId, clientId: won.clientId, scopes: won.scopes },
        familyId,
        tx,
      );
    });
    if (!issued) throw new OAuthError('invalid_grant', 'The device code was already used.');
    return issued;
  }

  /**
   * Whether `userCode` (normalized) was ever issued and is still on record, whatever its state:
   * entering a code that was decided or has expired is a mistake, not a guess (RFC 8628 §5.1).
   */
  async issued(userCode: string): Promise<boolean> {
    const [row] = await this.db
      .select({ userCode: deviceCodes.userCode })
      .from(deviceCodes)
      .where(eq(deviceCodes.userCode, userCode));
    return row !== undefined;
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

/**
 * The two statements of every device's life, built and named once: Drizzle does not rebuild
 * them per request, and PostgreSQL parses and plans them once per connection.
 */
function prepareInsert(db: LaunchpadDb) {
  return db
    .insert(deviceCodes)
    .values({
      deviceCodeHash: sql.placeholder('deviceCodeHash'),
      userCode: sql.placeholder('userCode'),
      clientId: sql.placeholder('clientId'),
      scopes: sql.placeholder('scopes'),
      intervalSeconds: sql.placeholder('intervalSeconds'),
      expiresAt: sql.placeholder('expiresAt'),
      createdAt: sql.placeholder('createdAt'),
    })
    .onConflictDoNothing({ target: deviceCodes.userCode })
    .returning({ deviceCodeHash: deviceCodes.deviceCodeHash })
    .prepare('device_code_insert');
}

/**
 * Records a poll of a pending, live code of this client and returns the interval before and
 * after it; no row when the code is anything else. The row is locked (`for update`) before it is
 * read, so polls of one code on several instances are counted one after the other. Too early a
 * poll (RFC 8628 §3.5) raises the interval by 5 s.
 */
function preparePoll(db: LaunchpadDb) {
  const now = sql`${sql.placeholder('now')}::timestamptz`;
  const locked = db.$with('locked').as(
    db
      .select({
        lockedHash: sql<string>`${deviceCodes.deviceCodeHash}`.as('locked_hash'),
        previousInterval: sql<number>`${deviceCodes.intervalSeconds}`.as('previous_interval'),
      })
      .from(deviceCodes)
      .where(eq(deviceCodes.deviceCodeHash, sql.placeholder('hash')))
      .for('update'),
  );
  const tooEarly = sql`${deviceCodes.lastPollAt} is not null and ${deviceCodes.lastPollAt}
    + (${deviceCodes.intervalSeconds} * 1000 - ${POLL_TOLERANCE_MS}) * interval '1 millisecond'
    > ${now}`;
  return db
    .with(locked)
    .update(deviceCodes)
    .set({
      lastPollAt: now,
      intervalSeconds: sql`case when ${tooEarly} then ${deviceCodes.intervalSeconds} + ${SLOW_DOWN_STEP_S} else ${deviceCodes.intervalSeconds} end`,
    })
    .from(locked)
    .where(
      and(
        eq(deviceCodes.deviceCodeHash, locked.lockedHash),
        eq(deviceCodes.status, 'pending'),
        sql`${deviceCodes.expiresAt} > ${now}`,
        eq(deviceCodes.clientId, sql.placeholder('clientId')),
      ),
    )
    .returning({
      interval: deviceCodes.intervalSeconds,
      previousInterval: locked.previousInterval,
    })
    .prepare('device_code_poll');
}
