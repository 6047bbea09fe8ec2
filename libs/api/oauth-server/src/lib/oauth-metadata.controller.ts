import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LAUNCHPAD_SCOPES } from '@launchpad/shared-scopes';
import type { Response } from 'express';
import { appConfig } from '@launchpad/api-config';
import { AuthorizationServerMetadataDto } from './dto/authorization-server-metadata.dto';
import { DEVICE_CODE_GRANT } from './oauth-clients.service';

/**
 * RFC 8414 metadata of Launchpad's authorization server for devices; its POST endpoints are
 * OAuthEndpointsController's.
 */
@ApiTags('oauth')
@Controller()
export class OAuthMetadataController {
  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  @Get('.well-known/oauth-authorization-server')
  @ApiOperation({ summary: 'Authorization server metadata (RFC 8414), cached for 5 minutes' })
  @ApiOkResponse({ type: AuthorizationServerMetadataDto })
  metadata(@Res({ passthrough: true }) res: Response): AuthorizationServerMetadataDto {
    const issuer = this.app.publicUrl;
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
}
