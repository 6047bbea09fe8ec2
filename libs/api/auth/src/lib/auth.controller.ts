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
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { LogoutResult, ProviderName } from '@launchpad/shared-api-types';
import { ParseProviderPipe } from '@launchpad/api-http';
import type { Request, Response } from 'express';
import { AccountsService, RevocationService } from '@launchpad/api-accounts';
import {
  type CurrentSession,
  SessionService,
  SignedIn,
  SignedInGuard,
} from '@launchpad/api-sessions';
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
  @UseGuards(ProviderAuthGuard)
  @ApiResponse({ status: 303, description: "To the provider's authorize URL" })
  start(): void {
    // Answered by the guard.
  }

  /** Finishes the sign-in passport accepted (state, PKCE and code exchange checked). */
  @Get(':provider/callback')
  @ProviderCallback()
  @UseGuards(ProviderAuthGuard)
  @UseFilters(SignInRefusedFilter)
  @ApiResponse({ status: 303, description: 'To the SPA: signed in, linked, or why not' })
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
    res.redirect(303, linked ? `/accounts?linked=${provider}` : '/');
  }

  /**
   * Revokes every provider token of the user at the provider, forgets them, and ends the user's
   * sessions. A revocation the provider did not confirm is reported as pending and retried.
   */
  @Post('logout')
  @HttpCode(200)
  @UseGuards(SignedInGuard)
  @ApiOkResponse({ description: 'Signed out; what happened to each provider token' })
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
