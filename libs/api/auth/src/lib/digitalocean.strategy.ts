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
 * Sign-in with DigitalOcean (cloud.digitalocean.com, scopes space-separated). Arity 5 makes passport-oauth2
 * hand `validate` the token response's params (expires_in, scope), which the scope check needs.
 */
@Injectable()
export class DigitalOceanStrategy
  extends PassportStrategy(OAuth2Strategy, 'digitalocean', 5)
  implements OnApplicationShutdown
{
  constructor(
    @Inject(providersConfig.KEY) providers: ConfigType<typeof providersConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
    states: OAuthStateStore,
  ) {
    super(providerStrategyOptions('digitalocean', providers.digitalocean, app.publicUrl, states));
    passportRegistrations.built('digitalocean', this);
  }

  onApplicationShutdown(): void {
    passportRegistrations.closed('digitalocean', this);
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
