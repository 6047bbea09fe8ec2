import { HttpException } from '@nestjs/common';

/** Node's socket errors that mean PostgreSQL could not be reached or went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL's SQLSTATEs for a server that is not taking work (PostgreSQL manual, Appendix A):
 * class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** node-postgres's own words for a connection it lost or could not get from the pool. */
const DRIVER_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** How long a client should wait before trying again, in seconds (Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Whether `error` (or one of its causes, as Drizzle wraps the driver's error in a
 * DrizzleQueryError) says the PostgreSQL server is unreachable, restarting or full, rather than
 * that the query was wrong: a condition that passes, for which the right answer is 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed rather than `instanceof Error`: Node's socket errors may come from another realm.
  let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { code, message } = current;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) {
      return true;
    }
    if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/**
 * The HTTP answer for a database that is not answering (for the exception filter's domain
 * mapping): 503 `service_unavailable` with `Retry-After: 5`; undefined for any other error.
 * The /oauth endpoints answer it as `temporarily_unavailable` in RFC 6749 §5.2's shape.
 */
export function databaseErrorToHttp(
  error: unknown,
): { exception: HttpException; headers: Record<string, string> } | undefined {
  if (!isDatabaseUnavailable(error)) return undefined;
  return {
    exception: new HttpException(
      {
        error: 'service_unavailable',
        message: `The database is not answering; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
      },
      503,
    ),
    headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  };
}
