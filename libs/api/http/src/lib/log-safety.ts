/** The longest text one logged value keeps, in characters; the rest is cut and counted. */
export const LOG_VALUE_MAX_CHARS = 500;
/** A stack trace keeps more: its frames are ours, not the caller's input. */
const STACK_MAX_CHARS = 4_000;

/**
 * Text fit for a log line: a failed statement's parameters (Drizzle's "Failed query: …\nparams:
 * …", which may hold token hashes, sealed tokens or a person's input) replaced by `[redacted]`,
 * and at most `max` characters (`LOG_VALUE_MAX_CHARS` by default), so that a caller's 15 KB
 * query parameter cannot become a 15 KB log line.
 */
export function safeLogText(text: string, max = LOG_VALUE_MAX_CHARS): string {
  const scrubbed = text.replace(/(\nparams: )[\s\S]*$/, '$1[redacted]');
  return scrubbed.length <= max
    ? scrubbed
    : `${scrubbed.slice(0, max)}… [${scrubbed.length - max} more characters]`;
}

interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  cause?: LoggedError;
}

/**
 * pino's `err` serializer: type, message, stack, code and cause, each through safeLogText; it
 * also takes pino's serialized form of an error (as pino-http passes it). Other
 * properties of an error are left out: a query error carries its statement's parameters, an HTTP
 * client error its request.
 */
export function serializeError(error: unknown, depth = 0): LoggedError | string {
  if (!(error instanceof Error)) {
    // pino-http hands a custom `err` serializer what pino's own made of the error first
    // (wrapErrorSerializer): a plain object whose `raw` is the error itself.
    const raw = (error as { raw?: unknown } | null | undefined)?.raw;
    return raw instanceof Error ? serializeError(raw, depth) : safeLogText(String(error));
  }
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.name,
    message: safeLogText(error.message),
    ...(error.stack ? { stack: safeLogText(error.stack, STACK_MAX_CHARS) } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(cause !== undefined && depth < 3
      ? { cause: serializeError(cause, depth + 1) as LoggedError }
      : {}),
  };
}

/**
 * pino's `hooks.logMethod`: every string argument of a log call (the message, its interpolated
 * values, the top-level strings of its object) through safeLogText. Nest's `Logger` calls reach
 * pino through nestjs-pino, so this covers every line the API writes.
 */
export function capLogArguments(
  this: unknown,
  args: unknown[],
  method: (...args: unknown[]) => void,
): void {
  method.apply(
    this,
    args.map((arg) =>
      typeof arg === 'string'
        ? safeLogText(arg)
        : arg !== null && typeof arg === 'object' && !(arg instanceof Error)
          ? Object.fromEntries(
              Object.entries(arg).map(([key, value]) => [
                key,
                typeof value === 'string' ? safeLogText(value) : value,
              ]),
            )
          : arg,
    ),
  );
}
