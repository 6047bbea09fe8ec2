import { eq, lt, or } from 'drizzle-orm';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  type SecretsConfig,
  type SessionsConfig,
  secretsConfig,
  sessionsConfig,
} from '@launchpad/api-config';
import { InjectDb, type LaunchpadDb, sessions } from '@launchpad/api-database';

export interface ActiveSession {
  userId: string;
  idHash: string;
  expiresAt: Date;
}

/** Only the hash of the cookie's random id is stored: a database leak yields no usable session. */
const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

/** lastSeen is written at most this often, so reads do not turn every request into a write. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Server-side sessions in the database: they survive an API restart and are shared by every
 * instance. Idle and absolute timeouts are enforced on every lookup.
 */
@Injectable()
export class SessionStore {
  private readonly sessionSecret: string;

  /** `sessions`: the idle and absolute timeouts; `secrets.sessionSecret` keys the CSRF tokens. */
  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    @Inject(sessionsConfig.KEY) private readonly config: SessionsConfig,
    @Inject(secretsConfig.KEY) secrets: Pick<SecretsConfig, 'sessionSecret'>,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {
    this.sessionSecret = secrets.sessionSecret;
  }

  /** Starts a session; the returned value goes into the cookie and nowhere else. */
  async create(userId: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.db.insert(sessions).values({
      idHash: hashId(id),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.absoluteTimeoutMs),
    });
    return id;
  }

  /** The live session of a cookie value, or undefined (unknown, idle too long, or past its limit). */
  async resolve(id: string | undefined): Promise<ActiveSession | undefined> {
    if (!id || id.length > 100) return undefined;
    const idHash = hashId(id);
    const [row] = await this.db.select().from(sessions).where(eq(sessions.idHash, idHash));
    if (!row) return undefined;
    const now = this.now().getTime();
    if (
      now >= row.expiresAt.getTime() ||
      now - row.lastSeenAt.getTime() >= this.config.idleTimeoutMs
    ) {
      await this.db.delete(sessions).where(eq(sessions.idHash, idHash));
      return undefined;
    }
    if (now - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.idHash, idHash));
    }
    return { userId: row.userId, idHash, expiresAt: row.expiresAt };
  }

  /** A new id for the same user (at sign-in and on linking: session fixation defence). */
  async rotate(oldId: string | undefined, userId: string): Promise<string> {
    if (oldId) await this.destroy(oldId);
    return this.create(userId);
  }

  async destroy(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.idHash, hashId(id)));
  }

  async destroyAllOf(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }

  /** Removes ended sessions; run periodically. Returns nothing: lookups enforce the limits anyway. */
  async sweep(): Promise<void> {
    const now = this.now();
    await this.db
      .delete(sessions)
      .where(
        or(
          lt(sessions.expiresAt, now),
          lt(sessions.lastSeenAt, new Date(now.getTime() - this.config.idleTimeoutMs)),
        ),
      );
  }

  /** The CSRF token of a session (synchronizer token, derived: nothing more to store). */
  csrfToken(session: ActiveSession): string {
    return createHmac('sha256', this.sessionSecret)
      .update(`csrf:${session.idHash}`)
      .digest('base64url');
  }

  csrfTokenMatches(session: ActiveSession, presented: string | undefined): boolean {
    if (!presented) return false;
    const expected = Buffer.from(this.csrfToken(session));
    const given = Buffer.from(presented);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
