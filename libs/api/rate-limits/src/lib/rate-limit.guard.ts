import { type ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { rateLimitsConfig } from '@launchpad/api-config';
import { OAuthError } from '@launchpad/api-http';

/**
 * `@nestjs/throttler`'s guard, global (APP_GUARD), with Launchpad's answers: a refused request
 * gets 429 with `Retry-After` (seconds) in its route's error shape, `too_many_requests` under
 * /api, and RFC 6749 §5.2's under /oauth (`slow_down` at the token endpoint, which device
 * clients already obey, RFC 8628 §3.5; `temporarily_unavailable` elsewhere). RATE_LIMITS=off
 * skips every limit.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(rateLimitsConfig.KEY) private readonly config: ConfigType<typeof rateLimitsConfig>,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !this.config.enabled || context.getType() !== 'http';
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const seconds = Math.max(1, detail.timeToBlockExpire || detail.timeToExpire);
    res.setHeader('Retry-After', String(seconds));
    const message = `Too many requests. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
    if (req.path.startsWith('/oauth/')) {
      const error = req.path === '/oauth/token' ? 'slow_down' : 'temporarily_unavailable';
      throw new OAuthError(error, message, 429);
    }
    throw new HttpException({ error: 'too_many_requests', message }, 429);
  }
}
