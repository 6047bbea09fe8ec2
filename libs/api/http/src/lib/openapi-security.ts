import { RequestMethod, applyDecorators } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import {
  ApiResponse,
  ApiSecurity,
  DECORATORS,
  type SecurityRequirementObject,
  type SecuritySchemeObject,
} from '@nestjs/swagger';
import { CSRF_HEADER } from '@launchpad/shared-api-types';
import { LAUNCHPAD_SCOPES, type LaunchpadScope } from '@launchpad/shared-scopes';
import { ApiErrorBodyDto } from './dto/api-error-body.dto';
import { sessionCookieName } from './cookies';

/** The names of the security schemes in the OpenAPI document. */
export const SECURITY_SCHEMES = {
  session: 'session',
  csrf: 'csrf',
  deviceToken: 'deviceToken',
  oauthClient: 'oauthClient',
  metricsToken: 'metricsToken',
} as const;

/**
 * The document's security schemes: the browser session (its cookie, and the CSRF header its
 * writes carry), device access tokens (RFC 8628, presented as RFC 6750 bearer tokens), and the
 * HTTP Basic client authentication of the /oauth endpoints (RFC 6749 §2.3.1), and the bearer
 * token of Prometheus scrapes when METRICS_TOKEN is set.
 */
export function securitySchemes(publicUrl: string): Record<string, SecuritySchemeObject> {
  const scopes = Object.entries(LAUNCHPAD_SCOPES)
    .map(([scope, words]) => `\`${scope}\`: ${words}`)
    .join('; ');
  return {
    [SECURITY_SCHEMES.session]: {
      type: 'apiKey',
      in: 'cookie',
      name: sessionCookieName(publicUrl),
      description:
        'The browser session, set by the sign-in callback (GET /api/auth/{provider}/callback): httpOnly, SameSite=Lax, `__Host-` prefixed behind HTTPS.',
    },
    [SECURITY_SCHEMES.csrf]: {
      type: 'apiKey',
      in: 'header',
      name: CSRF_HEADER,
      description:
        "The session's CSRF token (GET /api/session, `csrfToken`), required with the session cookie on every POST and DELETE (synchronizer token).",
    },
    [SECURITY_SCHEMES.deviceToken]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'lpa_…',
      description:
        'A device access token from the device flow (RFC 8628: POST /oauth/device_authorization, then POST /oauth/token), sent as `Authorization: Bearer` (RFC 6750 §2.1). The scope a route needs is listed with it; ' +
        `the Launchpad scopes are ${scopes}. Errors: 401 \`invalid_token\`, 403 \`insufficient_scope\`, each with a WWW-Authenticate challenge (RFC 6750 §3).`,
    },
    [SECURITY_SCHEMES.oauthClient]: {
      type: 'http',
      scheme: 'basic',
      description:
        'Client authentication (RFC 6749 §2.3.1): client_id and client_secret, each form-urlencoded, as HTTP Basic; or both as form parameters instead; a public client (the CLI) sends client_id alone.',
    },
    [SECURITY_SCHEMES.metricsToken]: {
      type: 'http',
      scheme: 'bearer',
      description:
        'The METRICS_TOKEN of the configuration, sent by Prometheus as `Authorization: Bearer` (`authorization.credentials_file` in a scrape job). Unset, GET /metrics takes no credentials.',
    },
  };
}

const SAFE_METHODS = [RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS];

/** A method decorator applied to one handler of a class, as TypeScript would apply it. */
function decorate(prototype: object, key: string, decorator: MethodDecorator): void {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  if (descriptor) decorator(prototype, key, descriptor);
}

function hasDeviceToken(handler: object): boolean {
  const requirements: SecurityRequirementObject[] =
    Reflect.getMetadata(DECORATORS.API_SECURITY, handler) ?? [];
  return requirements.some((r) => SECURITY_SCHEMES.deviceToken in r);
}

const unauthorized = (description: string) =>
  ApiResponse({ status: 401, type: ApiErrorBodyDto, description });
const forbidden = (description: string) =>
  ApiResponse({ status: 403, type: ApiErrorBodyDto, description });

/** What ApiSession documents for one route, after its HTTP method (read from @Get(), @Post()…). */
function sessionDecorator(handler: object, optional: boolean): MethodDecorator {
  const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
  if (method === undefined) {
    throw new Error('@ApiSession() on a method goes above its route decorator (@Get(), @Post()…)');
  }
  const write = !SAFE_METHODS.includes(method);
  const requirement: SecurityRequirementObject = write
    ? { [SECURITY_SCHEMES.session]: [], [SECURITY_SCHEMES.csrf]: [] }
    : { [SECURITY_SCHEMES.session]: [] };
  if (optional) return applyDecorators(ApiSecurity(requirement), ApiSecurity({}));
  return applyDecorators(
    ApiSecurity(requirement),
    unauthorized('`unauthenticated`: no live session cookie'),
    ...(write
      ? [
          forbidden(
            `\`csrf_token_invalid\`: the ${CSRF_HEADER} header is missing or not the session's`,
          ),
        ]
      : []),
    ...(hasDeviceToken(handler)
      ? []
      : [
          unauthorized('`invalid_token`: a bearer token that is unknown, expired or revoked'),
          forbidden('`insufficient_scope`: a device token; this route takes browser sessions only'),
        ]),
  );
}

/**
 * Documents that routes take the browser session (SignedInGuard): its cookie, plus the CSRF
 * header on writes, with the 401 and 403 the guard answers. On a class it documents every route
 * of it (class decorators run after the methods', so each route's HTTP method is known); on a
 * method it goes above the route decorator. `optional`: the route works without a session too.
 */
export function ApiSession({ optional = false } = {}): ClassDecorator & MethodDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      sessionDecorator(descriptor.value as object, optional)(target, key ?? '', descriptor);
      return;
    }
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler: unknown = Reflect.get(prototype, name);
      if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
      decorate(prototype, name, sessionDecorator(handler, optional));
    }
  };
}

/**
 * Documents that a route also takes a device access token granted `scope` (RFC 6750 bearer),
 * with the 401 `invalid_token` and 403 `insufficient_scope` SignedInGuard answers
 * (RFC 6750 §3.1). RequiresScope (api-sessions) applies it, so the document follows the guard.
 */
export function ApiDeviceToken(scope: LaunchpadScope) {
  return applyDecorators(
    ApiSecurity(SECURITY_SCHEMES.deviceToken, [scope]),
    unauthorized(
      '`invalid_token`: the bearer token is unknown, expired or revoked (WWW-Authenticate: Bearer error="invalid_token")',
    ),
    forbidden(
      `\`insufficient_scope\`: the device token was not granted \`${scope}\` (WWW-Authenticate: Bearer error="insufficient_scope")`,
    ),
  );
}
