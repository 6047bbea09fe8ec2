import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LAUNCHPAD_SCOPES } from '@launchpad/shared-scopes';
import type { Request, Response } from 'express';
import { AppConfigRef } from './app-config.ref';
import { DeviceFlowService } from './device-flow.service';
import { DEVICE_CODE_GRANT, OAuthClientsService, presentedClient } from './oauth-clients.service';
import { OAuthError } from './oauth-error';
import { OAuthTokensService } from './oauth-tokens.service';

/** RFC 6749 §3.2: form-encoded, no parameter twice, no request objects. */
function formOf(req: Request): Record<string, string> {
  if (!req.is('application/x-www-form-urlencoded')) {
    throw new OAuthError(
      'invalid_request',
      'Send the parameters form-encoded (Content-Type: application/x-www-form-urlencoded).',
    );
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) {
      throw new OAuthError('invalid_request', `The parameter ${name} appears more than once.`);
    }
  }
  if (body['request'] !== undefined || body['request_uri'] !== undefined) {
    throw new OAuthError('request_not_supported', 'Request objects are not supported.');
  }
  return body as Record<string, string>;
}

/** Token endpoint answers are never cached (RFC 6749 §5.1). */
function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}

/**
 * Launchpad as an OAuth 2 authorization server for devices: RFC 8414 metadata, RFC 8628 device
 * authorization and token grants, refresh with rotation, RFC 7009 revocation and RFC 7662
 * introspection.
 */
@ApiExcludeController()
@Controller()
export class OAuthController {
  constructor(
    private readonly config: AppConfigRef,
    private readonly clients: OAuthClientsService,
    private readonly devices: DeviceFlowService,
    private readonly tokens: OAuthTokensService,
  ) {}

  @Get('.well-known/oauth-authorization-server')
  metadata(@Res({ passthrough: true }) res: Response) {
    const issuer = this.config.publicUrl;
    const auth = ['none', 'client_secret_basic', 'client_secret_post'];
    res.setHeader('Cache-Control', 'public, max-age=300');
    return {
      issuer,
      device_authorization_endpoint: `${issuer}/oauth/device_authorization`,
      token_endpoint: `${issuer}/oauth/token`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      grant_types_supported: [DEVICE_CODE_GRANT, 'refresh_token'],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: auth,
      revocation_endpoint_auth_methods_supported: auth,
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: Object.keys(LAUNCHPAD_SCOPES),
      service_documentation: `${issuer}/api/docs`,
    };
  }

  @Post('oauth/device_authorization')
  @HttpCode(200)
  async deviceAuthorization(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    const form = formOf(req);
    const client = await this.clients.authenticate(presentedClient(req.get('authorization'), form));
    return this.devices.authorize(client, form['scope']);
  }

  @Post('oauth/token')
  @HttpCode(200)
  async token(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    const form = formOf(req);
    const client = await this.clients.authenticate(presentedClient(req.get('authorization'), form));
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
    if (!form['refresh_token'])
      throw new OAuthError('invalid_request', 'refresh_token is required.');
    return this.tokens.refresh(client.clientId, form['refresh_token'], form['scope']);
  }

  /** RFC 7009: 200 whether or not the token was known. */
  @Post('oauth/revoke')
  @HttpCode(200)
  async revoke(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    const form = formOf(req);
    const client = await this.clients.authenticate(presentedClient(req.get('authorization'), form));
    if (!form['token']) throw new OAuthError('invalid_request', 'token is required.');
    await this.tokens.revoke(client.clientId, form['token']);
    return {};
  }

  /** RFC 7662, for confidential clients only; `{active:false}` for anything not live. */
  @Post('oauth/introspect')
  @HttpCode(200)
  async introspect(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    const form = formOf(req);
    const client = await this.clients.authenticate(presentedClient(req.get('authorization'), form));
    if (client.type !== 'confidential') {
      throw new OAuthError(
        'invalid_client',
        'Only confidential clients may introspect tokens.',
        401,
      );
    }
    if (!form['token']) throw new OAuthError('invalid_request', 'token is required.');
    const row = await this.tokens.active(form['token']);
    if (!row) return { active: false };
    return {
      active: true,
      scope: row.scopes,
      client_id: row.clientId,
      sub: row.userId,
      token_type: row.kind === 'access' ? 'Bearer' : 'refresh_token',
      exp: Math.floor(row.expiresAt.getTime() / 1000),
      iat: Math.floor(row.createdAt.getTime() / 1000),
      iss: this.config.publicUrl,
    };
  }
}
