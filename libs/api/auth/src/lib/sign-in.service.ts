import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { missingProviderScopes } from '@launchpad/shared-scopes';
import { AccountConflictError, AccountsService, RevocationService } from '@launchpad/api-accounts';
import { type ProviderName, providersConfig } from '@launchpad/api-config';
import {
  ProviderProfileError,
  ProviderTokenClient,
  type ProviderTokens,
  fetchProviderProfile,
} from '@launchpad/api-providers';
import type { ProviderSignIn } from './provider-sign-in';
import { InsufficientScopesError, SignInFailedError } from './sign-in.errors';

export interface SignedIn {
  userId: string;
  /** True when the account was linked to the user signed in here, rather than signed in with. */
  linked: boolean;
}

/**
 * What follows a callback passport accepted (ProviderAuthGuard): the scope check with revocation
 * of a short grant, the profile, and the user and linked account. Nothing is stored unless the
 * sign-in succeeds; tokens that will not be kept are revoked at once.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('SignIn');

  constructor(
    @Inject(providersConfig.KEY) private readonly providers: ConfigType<typeof providersConfig>,
    private readonly accounts: AccountsService,
    private readonly revocations: RevocationService,
    private readonly tokenClient: ProviderTokenClient,
  ) {}

  /**
   * Finishes a sign-in; `sessionUserId` is who is signed in in this browser now, if anyone.
   * Throws SignInFailedError or InsufficientScopesError when it does not.
   */
  async complete(
    provider: ProviderName,
    signIn: ProviderSignIn,
    sessionUserId: string | undefined,
  ): Promise<SignedIn> {
    // A link started by a user who is no longer the one signed in here is not honoured.
    if (signIn.linkUserId !== null && signIn.linkUserId !== sessionUserId) {
      await this.revokeIssued(provider, signIn.accessToken, signIn.refreshToken);
      throw new SignInFailedError(provider, 'invalid_state');
    }
    let tokens: ProviderTokens;
    try {
      tokens = this.tokenClient.toTokens(provider, {
        ...signIn.params,
        access_token: signIn.accessToken,
        refresh_token: signIn.refreshToken,
      });
    } catch (invalid) {
      this.logger.warn(`${provider} token response unusable: ${(invalid as Error).message}`);
      throw new SignInFailedError(provider, 'provider_error');
    }
    const missing = missingProviderScopes(provider, tokens.scopes, this.providers[provider].scopes);
    if (missing.length > 0) {
      await this.revokeIssued(provider, tokens.accessToken, tokens.refreshToken);
      this.logger.log(`${provider} sign-in granted too little: missing ${missing.join(' ')}`);
      throw new InsufficientScopesError(provider, missing);
    }
    try {
      const profile = await fetchProviderProfile(
        provider,
        this.providers[provider],
        tokens.accessToken,
      );
      const { userId, replaced } = await this.accounts.signIn(
        profile,
        tokens,
        signIn.linkUserId ?? undefined,
      );
      // Signing in again replaces the account's tokens: the old grant must not live on.
      if (replaced) await this.revocations.revokeHeld(replaced);
      return { userId, linked: signIn.linkUserId !== null };
    } catch (problem) {
      if (!(problem instanceof ProviderProfileError || problem instanceof AccountConflictError)) {
        throw problem;
      }
      await this.revokeIssued(provider, tokens.accessToken, tokens.refreshToken);
      this.logger.warn(`${provider} sign-in failed: ${problem.message}`);
      throw new SignInFailedError(
        provider,
        problem instanceof AccountConflictError ? 'account_conflict' : 'profile_failed',
      );
    }
  }

  /** Tokens that will not be kept are revoked at once (and retried until the provider confirms). */
  private async revokeIssued(
    provider: ProviderName,
    accessToken: string,
    refreshToken: string | null | undefined,
  ): Promise<void> {
    await this.revocations.revokeHeld({
      accountId: '',
      provider,
      accessToken,
      refreshToken: refreshToken ?? null,
    });
  }
}
