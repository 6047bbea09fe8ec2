import { Header, HttpCode, Post, type Type, applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiInternalServerErrorResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiSecurity,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { SECURITY_SCHEMES } from '@launchpad/api-http';
import { OAuthErrorDto } from './dto/oauth-error.dto';

/**
 * A POST endpoint of the authorization server: a form in (RFC 6749 §3.2), JSON out with 200,
 * never cached (RFC 6749 §5.1 "Cache-Control: no-store", "Pragma: no-cache"; the exception
 * filter sets both on errors too), errors in the RFC 6749 §5.2 shape. The client authenticates
 * with HTTP Basic, or with client_id (and client_secret) in the form (RFC 6749 §2.3.1).
 */
export function OAuthEndpoint(
  path: string,
  summary: string,
  request: Type<unknown>,
  response: Type<unknown>,
) {
  return applyDecorators(
    Post(path),
    HttpCode(200),
    Header('Cache-Control', 'no-store'),
    Header('Pragma', 'no-cache'),
    ApiOperation({ summary }),
    ApiConsumes('application/x-www-form-urlencoded'),
    ApiBody({ type: request }),
    ApiSecurity(SECURITY_SCHEMES.oauthClient),
    ApiSecurity({}),
    ApiOkResponse({ type: response }),
    ApiBadRequestResponse({ type: OAuthErrorDto, description: 'RFC 6749 §5.2 error' }),
    ApiUnauthorizedResponse({
      type: OAuthErrorDto,
      description: 'invalid_client (with a Basic challenge when Basic was used)',
    }),
    ApiPayloadTooLargeResponse({ type: OAuthErrorDto, description: 'A body over 100 kB' }),
    ApiUnsupportedMediaTypeResponse({
      type: OAuthErrorDto,
      description: 'A charset other than UTF-8, or a Content-Encoding',
    }),
    ApiTooManyRequestsResponse({
      type: OAuthErrorDto,
      description:
        'Over a rate limit: `slow_down` at the token endpoint, `temporarily_unavailable` elsewhere; `Retry-After` in seconds',
    }),
    ApiServiceUnavailableResponse({
      type: OAuthErrorDto,
      description:
        '`temporarily_unavailable`: the database is not answering for now; `Retry-After` in seconds',
    }),
    ApiInternalServerErrorResponse({
      type: OAuthErrorDto,
      description: '`server_error`: the authorization server failed (RFC 6749 §5.2)',
    }),
  );
}
