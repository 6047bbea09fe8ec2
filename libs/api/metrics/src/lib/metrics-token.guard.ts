import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { metricsConfig } from '@launchpad/api-config';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** `Authorization: Bearer <token>` (RFC 6750 §2.1; the scheme's name is case-insensitive). */
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * With METRICS_TOKEN set, a scrape must present it as a bearer token; 401 otherwise, with RFC
 * 6750 §3's challenge (`error="invalid_token"` for a wrong token) and `unauthenticated` or
 * `invalid_token` in the API's error body. The comparison takes the same time whatever the
 * presented token (SHA-256 digests of both, compared with `timingSafeEqual`), so it cannot be
 * guessed a character at a time. Unset, every scrape passes.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(metricsConfig.KEY) config: ConfigType<typeof metricsConfig>) {
    this.expected = config.token === null ? null : sha256(config.token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === null) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const presented = BEARER.exec(req.get('authorization') ?? '')?.[1];
    if (presented !== undefined && timingSafeEqual(sha256(presented), this.expected)) return true;
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('Cache-Control', 'no-store');
    if (presented === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException({
        error: 'unauthenticated',
        message: 'The metrics need the bearer token of METRICS_TOKEN.',
      });
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics", error="invalid_token"');
    throw new UnauthorizedException({
      error: 'invalid_token',
      message: 'This bearer token is not the METRICS_TOKEN.',
    });
  }
}
