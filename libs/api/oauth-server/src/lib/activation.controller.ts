import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  NotFoundException,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { describeLaunchpadScope, isLaunchpadScope } from '@launchpad/shared-scopes';
import type { Request } from 'express';
import type { CurrentSession } from '@launchpad/api-sessions';
import { SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { DeviceFlowService } from './device-flow.service';
import { RateLimiter } from './rate-limiter';
import { normalizeUserCode } from './user-code';

const WINDOW_MS = 15 * 60_000;
/** Wrong codes allowed per window: per IP, per session, and across everyone (RFC 8628 §5.1). */
const LIMITS = { ip: 20, session: 10, global: 1000 } as const;

const UNKNOWN =
  'This code is unknown, already used, denied or expired. Start again on your device to get a new one.';

/**
 * `/activate` in the SPA talks to this: look a user code up (client name, scopes in words, the
 * code to compare) and approve or deny it. Requires a signed-in browser session (never a device
 * token), CSRF-protected writes, and limits on wrong codes.
 */
@ApiTags('device')
@Controller('api/device/activation')
@UseGuards(SignedInGuard)
export class ActivationController {
  constructor(
    private readonly devices: DeviceFlowService,
    private readonly limiter: RateLimiter,
  ) {}

  @Get()
  async lookup(
    @SignedIn() current: CurrentSession,
    @Req() req: Request,
    @Query('user_code') userCode: string | undefined,
  ) {
    const code = await this.checked(current, req, userCode);
    const pending = await this.devices.pending(code);
    if (!pending) throw await this.failure(current, req, UNKNOWN);
    return {
      userCode: pending.userCode,
      clientName: pending.clientName,
      scopes: pending.scopes.map((scope) => ({
        scope,
        description: isLaunchpadScope(scope) ? describeLaunchpadScope(scope) : scope,
      })),
      expiresAt: pending.expiresAt.toISOString(),
    };
  }

  @Post()
  @HttpCode(200)
  async decide(
    @SignedIn() current: CurrentSession,
    @Req() req: Request,
    @Body() body: { user_code?: unknown; decision?: unknown },
  ) {
    if (body?.decision !== 'approve' && body?.decision !== 'deny') {
      throw new HttpException(
        { error: 'validation_failed', message: 'decision must be "approve" or "deny".' },
        422,
      );
    }
    const code = await this.checked(current, req, body.user_code);
    const approve = body.decision === 'approve';
    if (!(await this.devices.decide(code, current.session.userId, approve))) {
      throw await this.failure(current, req, UNKNOWN);
    }
    return {
      status: approve ? 'approved' : 'denied',
      message: approve
        ? 'Approved. Return to your device: it will finish signing in by itself.'
        : 'Denied. The device gets no access; you can close this page.',
    };
  }

  private keys(current: CurrentSession, req: Request) {
    return {
      ip: `activation:ip:${req.ip ?? 'unknown'}`,
      session: `activation:session:${current.session.idHash || current.session.userId}`,
      global: 'activation:global',
    };
  }

  /** The normalized code, after refusing a client that has guessed too much. */
  private async checked(current: CurrentSession, req: Request, input: unknown): Promise<string> {
    const keys = this.keys(current, req);
    for (const axis of ['ip', 'session', 'global'] as const) {
      if ((await this.limiter.count(keys[axis], WINDOW_MS)) >= LIMITS[axis]) {
        throw new HttpException(
          {
            error: 'too_many_attempts',
            message: 'Too many wrong codes. Wait a quarter of an hour, then try again.',
          },
          429,
        );
      }
    }
    const code = normalizeUserCode(input);
    if (!code) {
      throw await this.failure(
        current,
        req,
        'That is not a Launchpad code: it has 8 letters, like WDJB-MJHT (case and dash do not matter).',
        400,
      );
    }
    return code;
  }

  private async failure(current: CurrentSession, req: Request, message: string, status = 404) {
    const keys = this.keys(current, req);
    await Promise.all(Object.values(keys).map((key) => this.limiter.hit(key, WINDOW_MS)));
    return status === 404
      ? new NotFoundException({ error: 'code_not_found', message })
      : new HttpException({ error: 'invalid_user_code', message }, status);
  }
}
