import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as OAuth2Strategy } from 'passport-oauth2';
import { appConfig, providersConfig } from '@launchpad/api-config';
import { OAuthStateStore } from './oauth-state.store';
import { passportRegistrations } from './passport-registrations';
import type { TokenResponse } from './provider-sign-in';
import { providerStrategyOptions, redirectWithSeeOther } from './provider-strategy-options';

/**
 * Sign-in with Linode (login.linode.com, scopes comma-separated). Arity 5 makes passport-oauth2
 * hand `validate` the token response's params (expires_in, scope), which the scope check needs.
 */
@Injectable()
export class LinodeStrategy
  extends PassportStrategy(OAuth2Strategy, 'linode', 5)
  implements OnApplicationShutdown
{
  constructor(
    @Inject(providersConfig.KEY) providers: ConfigType<typeof providersConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
    states: OAuthStateStore,
  ) {
    super(providerStrategyOptions('linode', providers.linode, app.publicUrl, states));
    passportRegistrations.built('linode', this);
  }

  onApplicationShutdown(): void {
    passportRegistrations.closed('linode', this);
  }

  validate(
    accessToken: string,
    refreshToken: string | undefined,
    params: Record<string, unknown>,
  ): TokenResponse {
    return { accessToken, refreshToken, params };
  }

  override authenticate(req: Request, options?: object): void {
    redirectWithSeeOther(this);
    super.authenticate(req, options);
  }
}
