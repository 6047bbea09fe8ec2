import { componentDto } from '@launchpad/api-http';
import { z } from 'zod';

const url = z.url();
const list = z.array(z.string());

/** RFC 8414 §2 metadata of Launchpad's authorization server for devices. */
export const authorizationServerMetadataSchema = z
  .strictObject({
    issuer: url.describe('Launchpad’s public URL (PUBLIC_URL)'),
    device_authorization_endpoint: url.describe('RFC 8628 §4'),
    token_endpoint: url,
    revocation_endpoint: url.describe('RFC 7009 §4 (RFC 8414 §2)'),
    introspection_endpoint: url.describe('RFC 7662 §4 (RFC 8414 §2)'),
    grant_types_supported: list,
    response_types_supported: list.describe('Empty: there is no authorization endpoint'),
    token_endpoint_auth_methods_supported: list,
    revocation_endpoint_auth_methods_supported: list,
    introspection_endpoint_auth_methods_supported: list,
    scopes_supported: list.describe('The Launchpad scopes'),
    service_documentation: url.describe('This API’s documentation'),
  })
  .meta({ id: 'AuthorizationServerMetadata' });

/** `GET /.well-known/oauth-authorization-server` (RFC 8414 §3.2). */
export class AuthorizationServerMetadataDto extends componentDto(
  authorizationServerMetadataSchema,
) {}
