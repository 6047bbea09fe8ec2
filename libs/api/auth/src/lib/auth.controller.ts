import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { LogoutResult, ProviderName } from '@launchpad/shared-api-types';
import { ParseProviderPipe } from '@launchpad/api-http';
import type { Request, Response } from 'express';
import { AccountsService } from '@launchpad/api-accounts';
import { type CurrentSession, SessionService } from '@launchpad/api-sessions';
import { SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { RevocationService } from '@launchpad/api-accounts';
import { callbackPath, stateCookieName } from './provider-strategy';
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

  /** Starts a sign-in; when someone is signed in here already, links the account to them. */
  @Get(':provider')
  async start(
    @Param('provider', ParseProviderPipe) name: ProviderName,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const current = await this.sessions.current(req);
    const url = await this.signIn.start(name, req, current?.session.userId ?? null);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, url);
  }

  @Get(':provider/callback')
  async callback(
    @Param('provider', ParseProviderPipe) name: ProviderName,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const current = await this.sessions.current(req);
    const result = await this.signIn.callback(name, req, current?.session.userId);
    // The code and state in this URL go no further: not to the next page, not into a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.clearCookie(stateCookieName(name), { path: callbackPath(name) });
    if (result.kind === 'signed_in') {
      await this.sessions.begin(req, res, result.userId);
      return res.redirect(303, result.linked ? `/accounts?linked=${name}` : '/');
    }
    const query =
      result.kind === 'insufficient_scopes'
        ? `/sign-in/insufficient-scopes?${new URLSearchParams({ provider: name, missing: result.missing.join(' ') })}`
        : `/sign-in/failed?${new URLSearchParams({ provider: name, reason: result.reason })}`;
    res.redirect(303, query);
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
