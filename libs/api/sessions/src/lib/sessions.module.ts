import { Module } from '@nestjs/common';
import { OAuthTokensModule } from '@launchpad/api-oauth-tokens';
import { SessionStore } from './session-store';
import { SessionService } from './session.service';
import { SignedInGuard } from './signed-in.guard';

/**
 * Who is calling: browser sessions (cookie + CSRF token) and device-flow bearer tokens.
 * Importing it lets a module's controllers use `@UseGuards(SignedInGuard)`.
 */
@Module({
  imports: [OAuthTokensModule],
  providers: [SessionStore, SessionService, SignedInGuard],
  exports: [SessionStore, SessionService, SignedInGuard, OAuthTokensModule],
})
export class SessionsModule {}
