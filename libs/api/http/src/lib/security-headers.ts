import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * helmet's headers on every answer (the SPA, the API, `/api/docs`): a Content-Security-Policy
 * that allows only Launchpad's own origin and no inline script (Angular's build has none; inline
 * styles stay allowed for Angular's component styles and Swagger UI), no framing anywhere
 * (`frame-ancestors 'none'`, `X-Frame-Options: DENY`: `/activate` approves devices, RFC 9700
 * §4.16), `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (OAuth codes and
 * states never leave in a Referer), and HSTS (one year) only when Launchpad is served over https.
 */
export function securityHeaders(publicUrl: string): RequestHandler {
  const https = new URL(publicUrl).protocol === 'https:';
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}

/**
 * `Cache-Control: no-store` by default on every answer under /api and /oauth: they carry
 * sessions, accounts, servers and tokens (RFC 9700 §4.2, RFC 6749 §5.1). A route may still set
 * its own value.
 */
export function noStoreForApi(req: Request, res: Response, next: NextFunction): void {
  if (/^\/(api|oauth)(\/|$)/.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
