import { Body, Controller, Headers, Inject, UseGuards } from '@nestjs/common';
import { RateLimit } from '@launchpad/api-rate-limits';
import type { ConfigType } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import { appConfig } from '@launchpad/api-config';
import { OAuthError } from '@launchpad/api-http';
import { OAuthTokensService, type TokenResponse } from '@launchpad/api-oauth-tokens';
import { type DeviceAuthorizationResponse, DeviceFlowService } from './device-flow.service';
import {
  DeviceAuthorizationRequestDto,
  DeviceAuthorizationResponseDto,
} from './dto/device-authorization.dto';
import { TokenRequestDto, TokenResponseDto } from './dto/token.dto';
import { IntrospectionResponseDto, TokenLookupRequestDto } from './dto/token-lookup.dto';
import { FormEncodedGuard } from './form-encoded.guard';
import { DEVICE_CODE_GRANT, OAuthClientsService, presentedClient } from './oauth-clients.service';
import { OAuthEndpoint } from './oauth-endpoint.decorator';
import { type OAuthForm, OAuthFormPipe } from './oauth-form.pipe';

/**
 * The POST endpoints of Launchpad's authorization server: RFC 8628 device authorization, the
 * token endpoint (device_code and refresh_token grants), RFC 7009 revocation and RFC 7662
 * introspection. Every request authenticates its client (HTTP Basic or client_id/client_secret
 * in the form); OAuthError becomes `{ error, error_description }` in the app's exception filter.
 */
@ApiTags('oauth')
@Controller('oauth')
@UseGuards(FormEncodedGuard)
export class OAuthEndpointsController {
  constructor(
    private readonly clients: OAuthClientsService,
    private readonly devices: DeviceFlowService,
    private readonly tokens: OAuthTokensService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  @RateLimit.deviceAuthorization()
  @OAuthEndpoint(
    'device_authorization',
    'Start a device flow: a device code to poll with, a user code for the person',
    DeviceAuthorizationRequestDto,
    DeviceAuthorizationResponseDto,
  )
  async deviceAuthorization(
    @Body(OAuthFormPipe) form: OAuthForm,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<DeviceAuthorizationResponse> {
    const client = await this.clients.authenticate(presentedClient(authorization, form));
    return this.devices.authorize(client, form['scope']);
  }

  @RateLimit.token()
  @OAuthEndpoint(
    'token',
    'Poll for the tokens of a device code, or exchange a refresh token (it rotates)',
    TokenRequestDto,
    TokenResponseDto,
  )
  async token(
    @Body(OAuthFormPipe) form: OAuthForm,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<TokenResponse> {
    const client = await this.clients.authenticate(presentedClient(authorization, form));
    const grantType = form['grant_type'];
    if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required.');
    if (grantType !== DEVICE_CODE_GRANT && grantType !== 'refresh_token') {
      throw new OAuthError(
        'unsupported_grant_type',
        `The grant type ${grantType} is not supported.`,
      );
    }
    if (!client.grantTypes.split(' ').includes(grantType)) {
      throw new OAuthError('unauthorized_client', `This client may not use ${grantType}.`);
    }
    if (grantType === DEVICE_CODE_GRANT) return this.devices.poll(client, form['device_code']);
    const refreshToken = form['refresh_token'];
    if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token is required.');
    return this.tokens.refresh(client.clientId, refreshToken, form['scope']);
  }

  /** RFC 7009 §2.2: 200 whether or not the token was known. */
  @RateLimit.tokenManagement()
  @OAuthEndpoint(
    'revoke',
    'Revoke a token and the rest of its grant (200 also for an unknown token)',
    TokenLookupRequestDto,
    Object,
  )
  async revoke(
    @Body(OAuthFormPipe) form: OAuthForm,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<object> {
    const client = await this.clients.authenticate(presentedClient(authorization, form));
    const token = form['token'];
    if (!token) throw new OAuthError('invalid_request', 'token is required.');
    await this.tokens.revoke(client.clientId, token);
    return {};
  }

  /** RFC 7662, for confidential clients only; `{ active: false }` for anything not live. */
  @RateLimit.tokenManagement()
  @OAuthEndpoint(
    'introspect',
    'Whether a token is live, and its grant (confidential clients only)',
    TokenLookupRequestDto,
    IntrospectionResponseDto,
  )
  async introspect(
    @Body(OAuthFormPipe) form: OAuthForm,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<IntrospectionResponseDto> {
    const client = await this.clients.authenticate(presentedClient(authorization, form));
    if (client.type !== 'confidential') {
      throw new OAuthError(
        'invalid_client',
        'Only confidential clients may introspect tokens.',
        401,
      );
    }
    const token = form['token'];
    if (!token) throw new OAuthError('invalid_request', 'token is required.');
    const row = await this.tokens.active(token);
    if (!row) return { active: false };
    return {
      active: true,
      scope: row.scopes,
      client_id: row.clientId,
      sub: row.userId,
      token_type: row.kind === 'access' ? 'Bearer' : 'refresh_token',
      exp: Math.floor(row.expiresAt.getTime() / 1000),
      iat: Math.floor(row.createdAt.getTime() / 1000),
      iss: this.app.publicUrl,
    };
  }
}
