/**
 * A sliding-window counter per key (token): Linode allows 10 creates per 30 s, DigitalOcean 250
 * requests per minute. Kept in memory: a restart forgives, as a real limiter's window would.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit and says whether it is allowed; `retryAfter` is in whole seconds. */
  hit(
    key: string,
    now: number,
  ): { allowed: boolean; remaining: number; retryAfter: number; resetAt: number } {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    const oldest = recent[0] ?? now;
    return {
      allowed,
      remaining: Math.max(0, this.limit - recent.length),
      retryAfter: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
      resetAt: Math.ceil((oldest + this.windowMs) / 1000),
    };
  }

  reset(): void {
    this.hits.clear();
  }
}
