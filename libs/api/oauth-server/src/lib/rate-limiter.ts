import { Injectable, Optional } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { InjectDb, type LaunchpadDb, rateLimits } from '@launchpad/api-database';

/**
 * Fixed-window counters in the database, so that every instance counts together (wrong user
 * codes per IP, per session and in all). A success never resets a counter (RFC 8628 §5.1 and
 * the Abblix#165 lesson).
 */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {}

  /** The count of `key` in its current window. */
  async count(key: string, windowMs: number): Promise<number> {
    const [row] = await this.db.select().from(rateLimits).where(eq(rateLimits.key, key));
    if (!row || row.windowStart.getTime() <= this.now().getTime() - windowMs) return 0;
    return row.count;
  }

  /** Adds one to `key` (starting a new window when the last one is over); returns the count. */
  async hit(key: string, windowMs: number): Promise<number> {
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
      .returning({ count: rateLimits.count });
    return row?.count ?? 1;
  }
}
