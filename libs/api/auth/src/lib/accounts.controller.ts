import {
  ConflictException,
  Controller,
  Delete,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  UseGuards,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { LinkedAccountView, LogoutResult, SessionView } from '@launchpad/shared-api-types';
import { ApiErrors, ApiSession } from '@launchpad/api-http';
import { type CurrentSession, SessionService } from '@launchpad/api-sessions';
import { RequiresScope, SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { RevocationService } from '@launchpad/api-accounts';
import { AccountsService } from '@launchpad/api-accounts';
import { AdminPolicy } from '@launchpad/api-accounts';
import { LogoutResultDto } from './dto/logout-result.dto';
import { LinkedAccountViewDto, SessionViewDto } from './dto/session-view.dto';

/** Who is signed in, with the CSRF token the SPA sends on writes. */
@ApiTags('auth')
@Controller('api/session')
@UseGuards(SignedInGuard)
@ApiSession()
export class SessionController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionService,
    private readonly admins: AdminPolicy,
  ) {}

  @Get()
  @RequiresScope('account:read')
  @ApiOperation({ summary: 'Who is signed in, their linked accounts, and the CSRF token' })
  @ApiOkResponse({ type: SessionViewDto })
  @ApiErrors({ 404: '`unauthenticated`: the user is gone; sign in again' })
  async current(@SignedIn() current: CurrentSession): Promise<SessionView> {
    const [user, accounts] = await Promise.all([
      this.accounts.user(current.session.userId),
      this.accounts.list(current.session.userId),
    ]);
    if (!user) throw new NotFoundException({ error: 'unauthenticated', message: 'Sign in again.' });
    const admin = this.admins.isAdminByEmails([user.email, ...accounts.map((a) => a.email)]);
    return {
      user: { ...user, admin },
      // A device token needs none (and must not learn the browser's).
      csrfToken: current.via === 'cookie' ? this.sessions.store.csrfToken(current.session) : '',
      accounts,
    };
  }
}

/** The signed-in user's linked provider accounts; never a token. */
@ApiTags('accounts')
@Controller('api/accounts')
@UseGuards(SignedInGuard)
@ApiSession()
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly revocations: RevocationService,
  ) {}

  @Get()
  @RequiresScope('account:read')
  @ApiOperation({ summary: "The user's linked provider accounts" })
  @ApiOkResponse({ type: [LinkedAccountViewDto] })
  list(@SignedIn() current: CurrentSession): Promise<LinkedAccountView[]> {
    return this.accounts.list(current.session.userId);
  }

  /** Revokes the account's tokens at the provider, then forgets the account. */
  @Delete(':id')
  @ApiOperation({ summary: 'Disconnect a linked account: its tokens are revoked at the provider' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The linked account (GET /api/accounts)' })
  @ApiOkResponse({ type: LogoutResultDto })
  @ApiErrors({
    404: '`not_found`: no such linked account of the user',
    409: '`last_account`: the only account the user signs in with (log out instead)',
  })
  async disconnect(
    @SignedIn() current: CurrentSession,
    @Param(
      'id',
      new ParseUUIDPipe({
        exceptionFactory: () =>
          new NotFoundException({ error: 'not_found', message: 'No such linked account.' }),
      }),
    )
    id: string,
  ): Promise<LogoutResult> {
    const held = await this.accounts.disconnect(current.session.userId, id);
    if (held === 'not_found') {
      throw new NotFoundException({ error: 'not_found', message: 'No such linked account.' });
    }
    if (held === 'last') {
      throw new ConflictException({
        error: 'last_account',
        message:
          'This is the only account you sign in with; log out instead, or link another provider first.',
      });
    }
    return { revocations: [await this.revocations.revokeHeld(held)] };
  }
}
