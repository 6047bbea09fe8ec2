import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Logger,
  Optional,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, AuthModuleOptions, type IAuthModuleOptions } from '@nestjs/passport';
import type { ProviderName } from '@launchpad/shared-api-types';
import type { Request, Response } from 'express';
import { TokenError } from 'passport-oauth2';
import { ParseProviderPipe } from '@launchpad/api-http';
import { SessionService } from '@launchpad/api-sessions';
import type { LinkState } from './database-state.store';
import { OAuthStateStore } from './oauth-state.store';
import type { ProviderSignIn, TokenResponse } from './provider-sign-in';
import { SignInFailedError } from './sign-in.errors';
import { callbackPath, stateCookieName } from './sign-in-paths';

const CALLBACK = 'launchpad:provider-callback';

/** Marks the route a provider sends the browser back to: there the guard finishes the sign-in. */
export const ProviderCallback = () => SetMetadata(CALLBACK, true);

const queryString = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * passport's AuthGuard for one provider's strategy, on the start and the callback route. At the
 * start, passport answers with the redirect to the provider itself (the handler does not run);
 * the state carries the signed-in user, if any, to link the account to. At the callback, every
 * refusal becomes a SignInFailedError with the reason the SPA shows (SignInRefusedFilter).
 */
function providerAuthGuard(provider: ProviderName) {
  @Injectable()
  class ProviderAuthGuardOf extends AuthGuard(provider) {
    private readonly logger = new Logger('SignIn');

    constructor(
      @Optional() options: AuthModuleOptions | undefined,
      private readonly sessions: SessionService,
      private readonly states: OAuthStateStore,
      private readonly reflector: Reflector,
    ) {
      super(options);
    }

    override async canActivate(context: ExecutionContext): Promise<boolean> {
      const req = context.switchToHttp().getRequest<Request>();
      const res = context.switchToHttp().getResponse<Response>();
      res.setHeader('Cache-Control', 'no-store');
      if (this.isCallback(context)) {
        // The code and state in this URL go no further: not to the next page, not into a Referer.
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.clearCookie(stateCookieName(provider), { path: callbackPath(provider) });
        await this.refuseWithoutCode(req);
      }
      return (await super.canActivate(context)) as boolean;
    }

    override async getAuthenticateOptions(context: ExecutionContext): Promise<IAuthModuleOptions> {
      if (this.isCallback(context)) return { session: false };
      const current = await this.sessions.current(context.switchToHttp().getRequest<Request>());
      const state: LinkState = { linkUserId: current?.session.userId ?? null };
      return { session: false, state };
    }

    override handleRequest<TUser = ProviderSignIn>(
      err: unknown,
      user: TokenResponse | false | undefined,
      info: { state?: LinkState } | undefined,
      context: ExecutionContext,
    ): TUser {
      // At the start, passport ends in a redirect; anything else is the state store failing.
      if (!this.isCallback(context)) throw err ?? new Error('the strategy did not redirect');
      if (err) {
        this.logger.warn(`${provider} code exchange failed: ${(err as Error).message}`);
        // A TokenError is the provider's token endpoint refusing the code (RFC 6749 §5.2).
        throw new SignInFailedError(
          provider,
          err instanceof TokenError ? 'exchange_failed' : 'provider_error',
        );
      }
      if (!user) {
        this.logger.warn(`${provider} callback refused: unknown, replayed or foreign state`);
        throw new SignInFailedError(provider, 'invalid_state');
      }
      const signIn: ProviderSignIn = { ...user, linkUserId: info?.state?.linkUserId ?? null };
      return signIn as TUser;
    }

    /**
     * Denied or failed at the provider (RFC 6749 §4.1.2.1), or no code at all: the state is spent
     * all the same. passport-oauth2 would leave it in the store (and without a code it would
     * start a new sign-in), so these end here.
     */
    private async refuseWithoutCode(req: Request): Promise<void> {
      const error = queryString(req.query['error']);
      if (error === undefined && queryString(req.query['code']) !== undefined) return;
      await this.states.consume(provider, queryString(req.query['state']));
      if (error === undefined) throw new SignInFailedError(provider, 'invalid_state');
      this.logger.log(`${provider} sign-in ended at the provider: ${error}`);
      throw new SignInFailedError(
        provider,
        error === 'access_denied' ? 'denied' : 'provider_error',
      );
    }

    private isCallback(context: ExecutionContext): boolean {
      return this.reflector.get<boolean | undefined>(CALLBACK, context.getHandler()) === true;
    }
  }
  return ProviderAuthGuardOf;
}

/** Sign-in with Linode: runs LinodeStrategy. */
@Injectable()
export class LinodeAuthGuard extends providerAuthGuard('linode') {}

/** Sign-in with DigitalOcean: runs DigitalOceanStrategy. */
@Injectable()
export class DigitalOceanAuthGuard extends providerAuthGuard('digitalocean') {}

/**
 * The guard of `/api/auth/:provider` and its callback: the route's provider's AuthGuard. Guards
 * run before pipes, so an unknown provider is refused here, in ParseProviderPipe's words (404).
 */
@Injectable()
export class ProviderAuthGuard implements CanActivate {
  private readonly guards: Record<ProviderName, CanActivate>;
  private readonly parseProvider = new ParseProviderPipe();

  constructor(linode: LinodeAuthGuard, digitalocean: DigitalOceanAuthGuard) {
    this.guards = { linode, digitalocean };
  }

  canActivate(context: ExecutionContext): Promise<boolean> {
    const { provider } = context.switchToHttp().getRequest<Request<{ provider: string }>>().params;
    return this.guards[this.parseProvider.transform(provider)].canActivate(
      context,
    ) as Promise<boolean>;
  }
}
