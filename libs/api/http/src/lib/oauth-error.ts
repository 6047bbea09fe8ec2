import type { ServerResponse } from 'node:http';

/**
 * An OAuth protocol error (RFC 6749 §5.2, RFC 8628 §3.5, RFC 7009, RFC 6750), rendered by the
 * OAuth endpoints and the exception filter as `{ error, error_description }` (sendOAuthError).
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

/** An OAuth endpoint's JSON answer (RFC 6749 §5), never cached. */
export function sendOAuthJson(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  res.end(json);
}

/** `{ error, error_description }` with the error's status and headers (RFC 6749 §5.2). */
export function sendOAuthError(res: ServerResponse, error: OAuthError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendOAuthJson(res, error.status, { error: error.error, error_description: error.description });
}
