import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSeeOtherResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { LogoutResult, ProviderName } from '@launchpad/shared-api-types';
import { ApiProviderParam, ApiSession, ParseProviderPipe } from '@launchpad/api-http';
import type { Request, Response } from 'express';
import { AccountsService, RevocationService } from '@launchpad/api-accounts';
import { RateLimit } from '@launchpad/api-rate-limits';
import {
  type CurrentSession,
  SessionService,
  SignedIn,
  SignedInGuard,
} from '@launchpad/api-sessions';
import { LogoutResultDto } from './dto/logout-result.dto';
import { ProviderAuthGuard, ProviderCallback } from './provider-auth.guard';
import { AcceptedSignIn, type ProviderSignIn } from './provider-sign-in';
import { SignInRefusedFilter } from './sign-in-refused.filter';
import { SignInService } from './sign-in.service';

/**
 * Sign-in with a provider (`GET /api/auth/:provider` redirects there; the provider sends the
 * browser back to `/api/auth/:provider/callback`, one path per provider), and logout. The
 * callback always ends in a redirect to a clean SPA URL, never a page carrying the code.
 */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly accounts: AccountsService,
    private readonly revocations: RevocationService,
  ) {}

  /**
   * Starts a sign-in; when someone is signed in here already, links the account to them.
   * ProviderAuthGuard (passport) answers with the 303 to the provider: this body never runs, as
   * with every passport OAuth strategy's start route.
   */
  @Get(':provider')
  @RateLimit.signIn()
  @UseGuards(ProviderAuthGuard)
  @ApiOperation({ summary: 'Sign in with a provider (or link it to the signed-in user)' })
  @ApiProviderParam()
  @ApiSeeOtherResponse({
    description:
      "To the provider's authorization endpoint (RFC 6749 §4.1.1, with state and PKCE S256); sets the state cookie",
    headers: {
      Location: { description: "The provider's authorize URL", schema: { type: 'string' } },
    },
  })
  start(): void {
    // Answered by the guard.
  }

  /** Finishes the sign-in passport accepted (state, PKCE and code exchange checked). */
  @Get(':provider/callback')
  @RateLimit.signIn()
  @ProviderCallback()
  @UseGuards(ProviderAuthGuard)
  @UseFilters(SignInRefusedFilter)
  @ApiOperation({ summary: "The provider's redirect back with the authorization code" })
  @ApiProviderParam()
  @ApiQuery({ name: 'code', required: false, description: 'RFC 6749 §4.1.2' })
  @ApiQuery({
    name: 'state',
    required: false,
    description: 'RFC 6749 §4.1.2; must match the state cookie',
  })
  @ApiQuery({
    name: 'error',
    required: false,
    description: 'RFC 6749 §4.1.2.1, e.g. access_denied',
  })
  @ApiSeeOtherResponse({
    description:
      'Always a redirect to the SPA, never a page carrying the code: `/servers` (signed in, session cookie set), `/accounts?linked={provider}`, `/sign-in/failed?provider=…&reason=…` or `/sign-in/insufficient-scopes?provider=…&missing=…`',
    headers: { Location: { description: 'The SPA page', schema: { type: 'string' } } },
  })
  async callback(
    @Param('provider', ParseProviderPipe) provider: ProviderName,
    @AcceptedSignIn() accepted: ProviderSignIn,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const current = await this.sessions.current(req);
    const { userId, linked } = await this.signIn.complete(
      provider,
      accepted,
      current?.session.userId,
    );
    await this.sessions.begin(req, res, userId);
    res.redirect(303, linked ? `/accounts?linked=${provider}` : '/servers');
  }

  /**
   * Revokes every provider token of the user at the provider, forgets them, and ends the user's
   * sessions. A revocation the provider did not confirm is reported as pending and retried.
   */
  @ApiSession()
  @Post('logout')
  @HttpCode(200)
  @UseGuards(SignedInGuard)
  @ApiOperation({ summary: "Log out: revoke the user's provider tokens and end their sessions" })
  @ApiOkResponse({ type: LogoutResultDto, description: 'What happened to each provider token' })
  async logout(
    @SignedIn() current: CurrentSession,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LogoutResult> {
    const held = await this.accounts.releaseTokens(current.session.userId);
    const revocations = await this.revocations.revokeAll(held);
    await this.sessions.end(req, res);
    await this.sessions.store.destroyAllOf(current.session.userId);
    res.setHeader('Cache-Control', 'no-store');
    return { revocations };
  }
}
