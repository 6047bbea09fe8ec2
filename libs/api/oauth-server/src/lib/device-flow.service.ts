import { parseLaunchpadScopes } from '@launchpad/shared-scopes';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type LaunchpadDb, rowsOf } from '@launchpad/api-database';
import { MicroBatch } from '@launchpad/api-database';
import { deviceCodeTombstones, deviceCodes } from '@launchpad/api-database';
import {
  DEVICE_CODE_GRANT,
  type OAuthClient,
  type OAuthClientsService,
} from './oauth-clients.service';
import { OAuthError } from '@launchpad/api-http';
import type { OAuthTokensService, TokenResponse } from '@launchpad/api-oauth-tokens';
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

/** A new device code's row, as the batched insert writes it. */
interface NewDeviceCode {
  device_code_hash: string;
  user_code: string;
  client_id: string;
  scopes: string;
  interval_seconds: number;
  expires_at: string;
  created_at: string;
}

/** A poll of one device code, and what the batched poll statement found and did. */
interface PollAsked {
  device_code_hash: string;
  client_id: string;
}
interface PollFound {
  client_id: string;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  interval_seconds: number;
  family_id: string | null;
  expires_at: Date | string;
  /** Set when the poll was recorded (a pending, live code of this client): the interval now. */
  polled_interval: number | null;
}

/** Statements in one batch, and batches in flight at once (of the pool's 10 connections). */
const BATCH = { maxBatch: 64, maxInFlight: 3 };

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
  /** New codes, many to a statement: device authorization needs one write and nothing else. */
  private readonly inserts = new MicroBatch<NewDeviceCode, boolean>(
    async (codes) => {
      const inserted = rowsOf<{ device_code_hash: string }>(
        await this.db.execute(sql`
          insert into device_codes
            (device_code_hash, user_code, client_id, scopes, interval_seconds, expires_at, created_at)
          select device_code_hash, user_code, client_id, scopes, interval_seconds, expires_at, created_at
          from json_to_recordset(${JSON.stringify(codes)}::json) as r(device_code_hash text,
            user_code text, client_id text, scopes text, interval_seconds int,
            expires_at timestamptz, created_at timestamptz)
          on conflict (user_code) do nothing
          returning device_code_hash`),
      );
      const done = new Set(inserted.map((row) => row.device_code_hash));
      return codes.map((code) => done.has(code.device_code_hash));
    },
    { ...BATCH, key: (code) => code.user_code },
  );

  /**
   * Polls, many to a statement: each code is read and, when it is pending, live and this
   * client's, its poll is recorded in the same statement, under a row lock (so polls of one code
   * on several instances are counted one after the other). Too early a poll (RFC 8628 §3.5)
   * raises the interval by 5 s; the caller sees that as `polled_interval` above the old one.
   */
  private readonly polls = new MicroBatch<PollAsked, PollFound | undefined>(
    async (asked) => {
      const now = this.now().toISOString();
      const found = rowsOf<PollFound & { device_code_hash: string }>(
        await this.db.execute(sql`
          with asked as (
            select * from json_to_recordset(${JSON.stringify(asked)}::json)
              as a(device_code_hash text, client_id text)
          ), found as (
            select d.device_code_hash, d.client_id, d.status, d.interval_seconds, d.last_poll_at,
              d.family_id, d.expires_at, a.client_id as asking_client
            from device_codes d join asked a using (device_code_hash)
            -- Rows locked in one order: batches of two instances cannot deadlock.
            order by d.device_code_hash
            for update of d
          ), polled as (
            update device_codes d
            set last_poll_at = ${now}::timestamptz,
              interval_seconds = case
                when f.last_poll_at is not null and ${now}::timestamptz - f.last_poll_at
                  < (f.interval_seconds * 1000 - ${POLL_TOLERANCE_MS}) * interval '1 millisecond'
                then f.interval_seconds + 5 else f.interval_seconds end
            from found f
            where d.device_code_hash = f.device_code_hash and f.status = 'pending'
              and f.expires_at > ${now}::timestamptz and f.client_id = f.asking_client
            returning d.device_code_hash, d.interval_seconds
          )
          select f.device_code_hash, f.client_id, f.status, f.interval_seconds, f.family_id,
            f.expires_at, p.interval_seconds as polled_interval
          from found f left join polled p using (device_code_hash)`),
      );
      const byHash = new Map(found.map((row) => [row.device_code_hash, row]));
      return asked.map((a) => byHash.get(a.device_code_hash));
    },
    { ...BATCH, key: (poll) => poll.device_code_hash },
  );

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
    const now = this.now().getTime();
    // A user code already live (1 in 2.56e10 per live code) is not written: draw another.
    for (let attempt = 0; attempt < 5; attempt++) {
      const userCode = generateUserCode();
      const inserted = await this.inserts.run({
        device_code_hash: hashCode(deviceCode),
        user_code: userCode,
        client_id: client.clientId,
        scopes,
        interval_seconds: POLL_INTERVAL_S,
        expires_at: new Date(now + DEVICE_CODE_TTL_S * 1000).toISOString(),
        created_at: new Date(now).toISOString(),
      });
      if (!inserted) continue;
      const display = formatUserCode(userCode);
      return {
        device_code: deviceCode,
        user_code: display,
        verification_uri: this.verificationUri,
        verification_uri_complete: `${this.verificationUri}?user_code=${display}`,
        expires_in: DEVICE_CODE_TTL_S,
        interval: POLL_INTERVAL_S,
      };
    }
    throw new Error('no free user code in 5 draws');
  }

  /** The device_code grant (RFC 8628 §3.4–3.5). */
  async poll(client: OAuthClient, deviceCode: string | undefined): Promise<TokenResponse> {
    if (!deviceCode) throw new OAuthError('invalid_request', 'device_code is required.');
    const hash = hashCode(deviceCode);
    const row = await this.polls.run({ device_code_hash: hash, client_id: client.clientId });
    if (!row) {
      const [tombstone] = await this.db
        .select()
        .from(deviceCodeTombstones)
        .where(eq(deviceCodeTombstones.deviceCodeHash, hash));
      if (tombstone) throw new OAuthError('expired_token', 'The device code has expired.');
      throw new OAuthError('invalid_grant', 'Unknown device code.');
    }
    if (row.client_id !== client.clientId) {
      throw new OAuthError('invalid_grant', 'The device code was issued to another client.');
    }
    if (row.status === 'consumed') {
      if (row.family_id) await this.tokens.revokeFamily(row.family_id);
      throw new OAuthError(
        'invalid_grant',
        'The device code was already used; the tokens issued for it are revoked.',
      );
    }
    if (new Date(row.expires_at) <= this.now()) {
      throw new OAuthError('expired_token', 'The device code has expired.');
    }
    if (row.status === 'denied') throw new OAuthError('access_denied', 'The request was denied.');
    if (row.polled_interval !== null) {
      if (row.polled_interval > row.interval_seconds) {
        throw new OAuthError(
          'slow_down',
          `Polling too fast: wait at least ${row.polled_interval} seconds between requests.`,
          400,
          { 'Retry-After': String(row.polled_interval) },
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
