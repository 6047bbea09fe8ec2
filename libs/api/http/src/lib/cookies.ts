import type { Request } from 'express';

/**
 * The browser session's cookie: `__Host-` prefixed when Launchpad is served over HTTPS (RFC 6265bis
 * §4.1.3.2: Secure, Path=/, no Domain), plain on http://localhost.
 */
export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https:') ? '__Host-launchpad_session' : 'launchpad_session';
}

/**
 * One cookie of the request, as cookie-parser (registered by configureHttp) read it; undefined
 * unless it is a plain string (cookie-parser turns `j:`-prefixed values into objects, which no
 * Launchpad cookie is).
 */
export function readCookie(req: Request, name: string): string | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
