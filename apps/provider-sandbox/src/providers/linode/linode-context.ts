import type { TokenService } from '../../oauth/tokens';
import type { SandboxClock } from '../../state/clock';
import type { StateStore } from '../../state/state-store';
import { SlidingWindowLimiter } from '../../http/rate-limit';

/** What Linode's routes share: the state, simulated time, tokens and the create limiter. */
export interface LinodeContext {
  store: StateStore;
  clock: SandboxClock;
  tokens: TokenService;
  /** "Linode create: 10 per 30 s" (linode.md §2.5). */
  createLimiter: SlidingWindowLimiter;
}

export function linodeContext(
  store: StateStore,
  clock: SandboxClock,
  tokens: TokenService,
): LinodeContext {
  return { store, clock, tokens, createLimiter: new SlidingWindowLimiter(10, 30_000) };
}
