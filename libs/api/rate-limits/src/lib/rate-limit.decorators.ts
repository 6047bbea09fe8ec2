import { applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { SkipThrottle, Throttle } from '@nestjs/throttler';
import { RATE_LIMITED_EXTENSION } from '@launchpad/api-http';

const MINUTE_MS = 60_000;

/**
 * The route limits over RateLimitsModule's defaults (per address 1,200, per session 600 requests
 * a minute). Each counts per route; `address` is the client's IP (its /64 for IPv6) plus, on the
 * OAuth endpoints, the `client_id`; `session` is the browser session or device access token. None
 * gets in the way of one person, or of a CLI polling at its interval (12 polls a minute at 5 s).
 */
export const RateLimit = {
  /** Sign-in start and callback: 30 a minute per address. */
  signIn: () => Throttle({ address: { limit: 30, ttl: MINUTE_MS } }),
  /** RFC 8628 §3.1 device authorization: 30 a minute per client and address. */
  deviceAuthorization: () => Throttle({ address: { limit: 30, ttl: MINUTE_MS } }),
  /** The token endpoint: 300 a minute per client and address (25 devices polling at 5 s). */
  token: () => Throttle({ address: { limit: 300, ttl: MINUTE_MS } }),
  /** Revocation and introspection (RFC 7009, RFC 7662): 120 a minute per client and address. */
  tokenManagement: () => Throttle({ address: { limit: 120, ttl: MINUTE_MS } }),
  /** `/activate`'s lookups and decisions: 60 a minute per address, 30 per session. */
  activation: () =>
    Throttle({ address: { limit: 60, ttl: MINUTE_MS }, session: { limit: 30, ttl: MINUTE_MS } }),
  /** Creating servers: 10 a minute per session. */
  deploy: () => Throttle({ session: { limit: 10, ttl: MINUTE_MS } }),
  /** Server actions (reboot, delete): 30 a minute per session. */
  serverAction: () => Throttle({ session: { limit: 30, ttl: MINUTE_MS } }),
  /** The admin routes: 30 a minute per session. */
  admin: () => Throttle({ session: { limit: 30, ttl: MINUTE_MS } }),
};

/** The defaults, per minute. */
export const DEFAULT_LIMITS = { address: 1_200, session: 600, ttlMs: MINUTE_MS };

/**
 * A route (or every route of a controller) that no rate limit applies to, and whose OpenAPI
 * operations therefore document no 429: health checks, which load balancers probe every few
 * seconds and which must answer 503 rather than 429 when the database is down.
 */
export const NoRateLimit = () =>
  applyDecorators(
    SkipThrottle({ address: true, session: true }),
    ApiExtension(RATE_LIMITED_EXTENSION, false),
  );
