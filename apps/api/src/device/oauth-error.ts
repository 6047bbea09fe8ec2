/**
 * An OAuth protocol error (RFC 6749 §5.2, RFC 8628 §3.5, RFC 7009, RFC 6750), rendered by the
 * exception filter as `{ error, error_description }` with `Cache-Control: no-store`.
 */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';

  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}
