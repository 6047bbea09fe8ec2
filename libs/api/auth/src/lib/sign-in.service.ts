import { Logger } from '@nestjs/common';
import type { SignInFailureReason } from '@launchpad/shared-api-types';
import { missingProviderScopes } from '@launchpad/shared-scopes';
import type { Request } from 'express';
import { TokenError } from 'passport-oauth2';
import { AccountConflictError, type AccountsService } from '@launchpad/api-accounts';
import type { ProviderName, ProvidersConfig } from '@launchpad/api-config';
import { ProviderProfileError, fetchProviderProfile } from '@launchpad/api-providers';
import type { ProviderTokenClient, ProviderTokens } from '@launchpad/api-providers';
import type { RevocationService } from '@launchpad/api-accounts';
import type { OAuthStateStore } from './oauth-state.store';
import type { ProviderStrategy } from './provider-strategy';

export type CallbackResult =
  | { kind: 'signed_in'; userId: string; linked: boolean }
  | { kind: 'insufficient_scopes'; missing: string[] }
  | { kind: 'failed'; reason: SignInFailureReason };

const failed = (reason: SignInFailureReason): CallbackResult => ({ kind: 'failed', reason });
const queryString = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Sign-in and linking with a provider, around the passport-oauth2 strategies: the callback's
 * refusals (denied, bad or replayed state, a code the provider will not exchange), the scope
 * check with revocation of a short grant, the profile, and the user and linked account.
 * Nothing is stored unless the sign-in succeeds.
 */
export class SignInService {
  private readonly logger = new Logger('SignIn');

  constructor(
    private readonly strategies: Record<ProviderName, ProviderStrategy>,
    private readonly providers: ProvidersConfig,
    private readonly states: OAuthStateStore,
    private readonly accounts: AccountsService,
    private readonly revocations: RevocationService,
    private readonly tokenClient: ProviderTokenClient,
  ) {}

  /** The provider's authorize URL for a new sign-in (or, with `linkUserId`, a link). */
  async start(provider: ProviderName, req: Request, linkUserId: string | null): Promise<string> {
    const outcome = await this.strategies[provider].run(req, linkUserId);
    if (outcome.kind !== 'redirect') {
      throw outcome.kind === 'error' ? outcome.error : new Error('the strategy did not redirect');
    }
    return outcome.url;
  }

  /** Finishes a sign-in; `sessionUserId` is who is signed in in this browser now, if anyone. */
  async callback(
    provider: ProviderName,
    req: Request,
    sessionUserId: string | undefined,
  ): Promise<CallbackResult> {
    const error = queryString(req.query['error']);
    if (error !== undefined || queryString(req.query['code']) === undefined) {
      // Denied or failed at the provider (or no code at all): the state is spent all the same.
      await this.states.consume(provider, queryString(req.query['state']));
      if (error === undefined) return failed('invalid_state');
      this.logger.log(`${provider} sign-in ended at the provider: ${error}`);
      return failed(error === 'access_denied' ? 'denied' : 'provider_error');
    }
    const outcome = await this.strategies[provider].run(req);
    if (outcome.kind === 'invalid_state' || outcome.kind === 'redirect') {
      this.logger.warn(`${provider} callback refused: unknown, replayed or foreign state`);
      return failed('invalid_state');
    }
    if (outcome.kind === 'error') {
      const refused = outcome.error instanceof TokenError;
      this.logger.warn(`${provider} code exchange failed: ${outcome.error.message}`);
      return failed(refused ? 'exchange_failed' : 'provider_error');
    }
    // A link started by a user who is no longer the one signed in here is not honoured.
    if (outcome.linkUserId !== null && outcome.linkUserId !== sessionUserId) {
      await this.revokeIssued(
        provider,
        outcome.response.accessToken,
        outcome.response.refreshToken,
      );
      return failed('invalid_state');
    }
    let tokens: ProviderTokens;
    try {
      tokens = this.tokenClient.toTokens(provider, {
        ...outcome.response.params,
        access_token: outcome.response.accessToken,
        refresh_token: outcome.response.refreshToken,
      });
    } catch (invalid) {
      this.logger.warn(`${provider} token response unusable: ${(invalid as Error).message}`);
      return failed('provider_error');
    }
    const missing = missingProviderScopes(provider, tokens.scopes, this.providers[provider].scopes);
    if (missing.length > 0) {
      await this.revokeIssued(provider, tokens.accessToken, tokens.refreshToken);
      this.logger.log(`${provider} sign-in granted too little: missing ${missing.join(' ')}`);
      return { kind: 'insufficient_scopes', missing };
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
        outcome.linkUserId ?? undefined,
      );
      // Signing in again replaces the account's tokens: the old grant must not live on.
      if (replaced) await this.revocations.revokeHeld(replaced);
      return { kind: 'signed_in', userId, linked: outcome.linkUserId !== null };
    } catch (problem) {
      if (!(problem instanceof ProviderProfileError || problem instanceof AccountConflictError)) {
        throw problem;
      }
      await this.revokeIssued(provider, tokens.accessToken, tokens.refreshToken);
      this.logger.warn(`${provider} sign-in failed: ${problem.message}`);
      return failed(
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
