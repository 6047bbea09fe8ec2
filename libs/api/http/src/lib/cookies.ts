import type { Request } from 'express';

/**
 * One cookie of the request, as cookie-parser (registered by configureHttp) read it; undefined
 * unless it is a plain string (cookie-parser turns `j:`-prefixed values into objects, which no
 * Launchpad cookie is).
 */
export function readCookie(req: Request, name: string): string | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
