import { Injectable, Optional } from '@nestjs/common';
import { eq, lt, sql } from 'drizzle-orm';
import { InjectDb, type LaunchpadDb, rateLimits } from '@launchpad/api-database';

/** A counter's state after a hit: its count in the current window, and when that window ends. */
export interface CounterWindow {
  count: number;
  /** Milliseconds until the current window ends. */
  resetsInMs: number;
}

/** Counters older than this are swept: no window lasts longer than an hour. */
const KEEP_MS = 24 * 3600 * 1000;

/**
 * Fixed-window counters in the database (`rate_limits`), so that every instance counts together
 * without anything but PostgreSQL (or PGlite). One upsert per hit; a window that has ended
 * starts again at 1. A success never resets a counter (RFC 8628 §5.1).
 */
@Injectable()
export class RateLimitCounters {
  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {}

  /** The count of `key` in its current window of `windowMs` milliseconds (0 when none). */
  async count(key: string, windowMs: number): Promise<number> {
    const [row] = await this.db.select().from(rateLimits).where(eq(rateLimits.key, key));
    if (!row || row.windowStart.getTime() <= this.now().getTime() - windowMs) return 0;
    return row.count;
  }

  /** Adds one to `key`, starting a new window of `windowMs` ms when the last one is over. */
  async hit(key: string, windowMs: number): Promise<CounterWindow> {
    const now = this.now();
    const expired = new Date(now.getTime() - windowMs);
    const [row] = await this.db
      .insert(rateLimits)
      .values({ key, windowStart: now, count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`case when ${rateLimits.windowStart} <= ${expired} then 1 else ${rateLimits.count} + 1 end`,
          windowStart: sql`case when ${rateLimits.windowStart} <= ${expired} then ${now} else ${rateLimits.windowStart} end`,
        },
      })
      .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
    const windowStart = row?.windowStart ?? now;
    return {
      count: row?.count ?? 1,
      resetsInMs: windowStart.getTime() + windowMs - now.getTime(),
    };
  }

  /** Deletes counters whose window started more than a day ago; returns how many. */
  async sweep(): Promise<number> {
    const gone = await this.db
      .delete(rateLimits)
      .where(lt(rateLimits.windowStart, new Date(this.now().getTime() - KEEP_MS)))
      .returning({ key: rateLimits.key });
    return gone.length;
  }
}
