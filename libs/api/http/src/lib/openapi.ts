import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { type AppConfig, LAUNCHPAD_VERSION } from '@launchpad/api-config';
import { ApiErrorBodyDto } from './dto/api-error-body.dto';
import { securitySchemes } from './openapi-security';

export const OPENAPI_UI_PATH = 'api/docs';

/**
 * The OpenAPI extension an operation carries (`x-rate-limited: false`) when no rate limit
 * applies to it; its 429 is then left out of the document. Set by RateLimit's `NoRateLimit()`.
 */
export const RATE_LIMITED_EXTENSION = 'x-rate-limited';
export const OPENAPI_JSON_PATH = 'api/docs/openapi.json';

/**
 * The API's OpenAPI 3.1 document, generated from the controllers and their zod DTOs: every route
 * of /api, /oauth and /.well-known with its request, responses and security. 3.1 because a
 * bearer requirement may then name the Launchpad scope a route needs (OpenAPI 3.1 §4.8.30), which
 * 3.0 allows for OAuth 2 flows only, and OpenAPI has no device flow before 3.2.
 */
export function setupOpenApi(app: INestApplication, config: Pick<AppConfig, 'publicUrl'>): void {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Launchpad API')
    .setDescription(
      'Deploy and manage servers in your own Linode and DigitalOcean accounts. Errors of /api/* ' +
        'answer ApiErrorBody { statusCode, error, message, requestId, fields? }; errors of /oauth/* ' +
        "answer RFC 6749 §5.2's { error, error_description }.",
    )
    .setVersion(LAUNCHPAD_VERSION)
    // Every route can fail on our side; /oauth routes document their own 500 (server_error).
    // The rate limits (RateLimitsModule's global guard) can refuse any route but those marked
    // `x-rate-limited: false`; /oauth routes document theirs in RFC 6749's shape.
    .addGlobalResponse({
      status: 429,
      type: ApiErrorBodyDto,
      description: '`too_many_requests`: over a rate limit; `Retry-After` says in how many seconds',
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    })
    .addGlobalResponse({
      status: 400,
      type: ApiErrorBodyDto,
      description:
        '`bad_request`: the request is malformed (a path segment that is not valid percent-encoding, a body that does not parse)',
    })
    .addGlobalResponse({
      status: 503,
      type: ApiErrorBodyDto,
      description:
        '`service_unavailable`: the database (or a provider) is not answering for now; `Retry-After` says in how many seconds to try again',
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    })
    .addGlobalResponse({
      status: 500,
      type: ApiErrorBodyDto,
      description:
        '`internal_error`: something failed on our side; the message quotes the request id',
    });
  for (const [name, scheme] of Object.entries(securitySchemes(config.publicUrl))) {
    builder.addSecurity(name, scheme);
  }
  const document = cleanupOpenApiDoc(SwaggerModule.createDocument(app, builder.build()));
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as Record<string, unknown>[]) {
      if (operation?.[RATE_LIMITED_EXTENSION] !== false) continue;
      delete (operation['responses'] as Record<string, unknown> | undefined)?.['429'];
    }
  }
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'api/docs/openapi.yaml',
  });
}
