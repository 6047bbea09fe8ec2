import { Global, Injectable, Logger, Module, type DynamicModule } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { Interval } from '@nestjs/schedule';
import { ThrottlerModule, normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';
import { appConfig } from '@launchpad/api-config';
import { readCookie, sessionCookieName } from '@launchpad/api-http';
import { DatabaseThrottlerStorage } from './database-throttler.storage';
import { DEFAULT_LIMITS } from './rate-limit.decorators';
import { RateLimitCounters } from './rate-limit-counters';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStorage } from './rate-limit.storage';

/** The client's address (its /64 for IPv6), with the OAuth client it speaks for, if any. */
function addressOf(req: Request): string {
  const address = normalizeIp(req.ip ?? 'unknown', 64);
  const clientId = (req.body as Record<string, unknown> | undefined)?.['client_id'];
  return typeof clientId === 'string' ? `${address} client:${clientId}` : address;
}

/** The browser session's cookie, or the device access token; undefined when anonymous. */
function credentialOf(req: Request, cookieName: string): string | undefined {
  const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? readCookie(req, cookieName);
}

/** Deletes counters whose windows ended long ago, hourly. */
@Injectable()
class RateLimitSweeper {
  private readonly logger = new Logger('RateLimits');

  constructor(private readonly counters: RateLimitCounters) {}

  @Interval('rate-limit-sweep', 3_600_000)
  async sweep(): Promise<void> {
    await this.counters.sweep().catch((error: unknown) => {
      this.logger.warn(`sweep failed: ${(error as Error).message}`);
    });
  }
}

@Module({
  providers: [RateLimitCounters, DatabaseThrottlerStorage, RateLimitStorage],
  exports: [RateLimitCounters, RateLimitStorage],
})
class RateLimitStorageModule {}

/**
 * Request rate limits with `@nestjs/throttler`, on every route (a global guard), counted across
 * instances (RateLimitStorage: Redis or the database). Two limits apply to each request: per
 * address and, when it carries a session or a device token, per session; RateLimit's decorators
 * tighten them on the routes that need it. Exports RateLimitCounters for counters of domain
 * events (wrong user codes).
 */
@Global()
@Module({})
export class RateLimitsModule {
  static forRoot(): DynamicModule {
    return {
      module: RateLimitsModule,
      imports: [
        RateLimitStorageModule,
        ThrottlerModule.forRootAsync({
          imports: [RateLimitStorageModule],
          inject: [appConfig.KEY, RateLimitStorage],
          useFactory: (app: ConfigType<typeof appConfig>, storage: RateLimitStorage) => {
            const cookieName = sessionCookieName(app.publicUrl);
            return {
              storage,
              throttlers: [
                {
                  name: 'address',
                  ttl: DEFAULT_LIMITS.ttlMs,
                  limit: DEFAULT_LIMITS.address,
                  getTracker: (req) => addressOf(req as Request),
                },
                {
                  name: 'session',
                  ttl: DEFAULT_LIMITS.ttlMs,
                  limit: DEFAULT_LIMITS.session,
                  getTracker: (req) => credentialOf(req as Request, cookieName) ?? '',
                  skipIf: (context) =>
                    credentialOf(context.switchToHttp().getRequest<Request>(), cookieName) ===
                    undefined,
                },
              ],
            };
          },
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }, RateLimitSweeper],
      exports: [RateLimitStorageModule],
    };
  }
}
