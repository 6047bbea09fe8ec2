import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the API owns; everything else that the router does not know is a route of the SPA. */
const API_PREFIXES = ['/api/', '/oauth/', '/.well-known/'];

export function isApiPath(path: string): boolean {
  return path === '/api' || API_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * Answers unknown non-API GETs with the SPA's index.html, so that deep links and reloads of
 * client-side routes work. index.html must never be cached: it names the hashed bundles.
 */
export class SpaFallback {
  private readonly indexHtml: string;

  constructor(webDistDir: string) {
    this.indexHtml = join(webDistDir, 'index.html');
  }

  get available(): boolean {
    return existsSync(this.indexHtml);
  }

  handles(req: Request): boolean {
    return (
      (req.method === 'GET' || req.method === 'HEAD') && !isApiPath(req.path) && this.available
    );
  }

  send(res: Response): void {
    res.setHeader('Cache-Control', 'no-cache');
    // No page of Launchpad may be framed: /activate approves devices (RFC 9700 §4.16).
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    res.setHeader('X-Frame-Options', 'DENY');
    res.sendFile(this.indexHtml);
  }
}
