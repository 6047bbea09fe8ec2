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

/**
 * `text` in the characters RFC 6749 §5.2 allows in `error_description` (%x20-21 / %x23-5B /
 * %x5D-7E: printable ASCII without `"` and `\`): `§` becomes "section", quotes become `'`, a
 * backslash `/`, and anything else (control characters, other Unicode, parts of a request
 * echoed back) `?`. At most 300 characters.
 */
export function oauthErrorText(text: string): string {
  const allowed = text
    .replaceAll('§', 'section ')
    .replace(/["“”]/g, "'")
    .replaceAll('\\', '/')
    .replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/gu, '?');
  return allowed.length <= 300 ? allowed : `${allowed.slice(0, 297)}...`;
}

/**
 * `{ error, error_description }` with the error's status and headers (RFC 6749 §5.2), the
 * description in the characters §5.2 allows (oauthErrorText), whatever went into it.
 */
export function sendOAuthError(res: ServerResponse, error: OAuthError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendOAuthJson(res, error.status, {
    error: error.error,
    error_description: oauthErrorText(error.description),
  });
}
