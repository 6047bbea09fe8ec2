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
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeviceActivationResult, DeviceActivationView } from '@launchpad/shared-api-types';
import { describeLaunchpadScope, isLaunchpadScope } from '@launchpad/shared-scopes';
import { normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';
import { ApiErrors, type ApiErrorCodes, ApiSession } from '@launchpad/api-http';
import type { CurrentSession } from '@launchpad/api-sessions';
import { SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { RateLimit, RateLimitCounters } from '@launchpad/api-rate-limits';
import { DeviceFlowService } from './device-flow.service';
import {
  DeviceActivationDecisionDto,
  DeviceActivationQueryDto,
  DeviceActivationResultDto,
  DeviceActivationViewDto,
} from './dto/device-activation.dto';
import { normalizeUserCode } from './user-code';

const WINDOW_MS = 15 * 60_000;
/**
 * Guesses (codes never issued) allowed per 15 minutes, per address, per session and per
 * signed-in user (RFC 8628 §5.1). No limit counts everyone together: that one anybody could
 * exhaust, locking every person out.
 */
const LIMITS = { address: 50, session: 10, user: 20 } as const;

const UNKNOWN =
  'This code is unknown, already used, denied or expired. Start again on your device to get a new one.';

/** What `checked` and `failure` answer; a 404 for a code never issued counts as a guess. */
const WRONG_CODES: ApiErrorCodes = {
  400: '`invalid_user_code`: not 8 letters of the user-code alphabet (RFC 8628 §6.1)',
  404: '`code_not_found`: unknown, already decided, or expired (one message for all: RFC 8628 §5.1)',
  429: '`too_many_attempts`: too many guesses in 15 minutes (from this address, this session or this person)',
};

/**
 * `/activate` in the SPA talks to this: look a user code up (client name, scopes in words, the
 * code to compare) and approve or deny it. Requires a signed-in browser session (never a device
 * token), CSRF-protected writes, and limits on wrong codes.
 */
@ApiTags('device')
@Controller('api/device/activation')
@RateLimit.activation()
@UseGuards(SignedInGuard)
@ApiSession()
export class ActivationController {
  constructor(
    private readonly devices: DeviceFlowService,
    private readonly counters: RateLimitCounters,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Look a user code up: the client asking and the scopes, in words' })
  @ApiOkResponse({ type: DeviceActivationViewDto })
  @ApiErrors(WRONG_CODES, {
    422: '`validation_failed`: `user_code` missing, given twice or not text',
  })
  async lookup(
    @SignedIn() current: CurrentSession,
    @Req() req: Request,
    @Query() { user_code }: DeviceActivationQueryDto,
  ): Promise<DeviceActivationView> {
    const code = await this.checked(current, req, user_code);
    const pending = await this.devices.pending(code);
    if (!pending) throw await this.notFound(current, req, code);
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
  @ApiOperation({
    summary: 'Approve or deny a user code: the device then gets tokens, or access_denied',
  })
  @ApiOkResponse({ type: DeviceActivationResultDto })
  @ApiErrors(400, 413, 422, WRONG_CODES)
  async decide(
    @SignedIn() current: CurrentSession,
    @Req() req: Request,
    @Body() { user_code, decision }: DeviceActivationDecisionDto,
  ): Promise<DeviceActivationResult> {
    const code = await this.checked(current, req, user_code);
    const approve = decision === 'approve';
    if (!(await this.devices.decide(code, current.session.userId, approve))) {
      throw await this.notFound(current, req, code);
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
      address: `activation:address:${normalizeIp(req.ip ?? 'unknown', 64)}`,
      session: `activation:session:${current.session.idHash || current.session.userId}`,
      user: `activation:user:${current.session.userId}`,
    };
  }

  /** The normalized code, after refusing a person who has guessed too much. */
  private async checked(current: CurrentSession, req: Request, input: string): Promise<string> {
    const keys = this.keys(current, req);
    for (const axis of ['address', 'session', 'user'] as const) {
      if ((await this.counters.count(keys[axis], WINDOW_MS)) >= LIMITS[axis]) {
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
      // Not a code at all (a typo of its shape): it cannot match one, so it is not a guess.
      throw new HttpException(
        {
          error: 'invalid_user_code',
          message:
            'That is not a Launchpad code: it has 8 letters, like WDJB-MJHT (case and dash do not matter).',
        },
        400,
      );
    }
    return code;
  }

  /** 404 for a code that is not pending; one that was never issued counts as a guess. */
  private async notFound(current: CurrentSession, req: Request, code: string) {
    if (!(await this.devices.issued(code))) {
      await Promise.all(
        Object.values(this.keys(current, req)).map((key) => this.counters.hit(key, WINDOW_MS)),
      );
    }
    return new NotFoundException({ error: 'code_not_found', message: UNKNOWN });
  }
}
