import { HttpException } from '@nestjs/common';
import { PROVIDER_LABELS } from '@launchpad/shared-api-types';
import type { ApiErrorCodes } from '@launchpad/api-http';
import { UnknownApplicationError } from '@launchpad/api-applications';
import { ProviderApiError } from '@launchpad/api-providers';
import { AccountNeedsRelinkError, TokenRefreshUnavailableError } from './token-vault';

const withRequestId = (message: string, requestId: string | null) =>
  requestId ? `${message} (provider request id ${requestId})` : message;

/**
 * What domainErrorToHttp answers, for the OpenAPI document of the routes that call a provider
 * (`ApiErrors(DOMAIN_ERROR_CODES)`).
 */
export const DOMAIN_ERROR_CODES: ApiErrorCodes = {
  403: "`provider_token_rejected`: the provider no longer accepts Launchpad's access; `insufficient_provider_scope`: the provider account did not grant what this needs",
  404: '`not_found`: the provider has no such resource; `unknown_application`',
  409: '`account_needs_relink`: sign in with the provider again',
  422: '`provider_rejected`: the provider refused the input; `fields` says why',
  429: '`provider_rate_limited`: the provider is limiting requests (Retry-After when it said)',
  502: '`provider_unavailable`: the provider did not answer',
  503: "`provider_unavailable`: the provider's token endpoint cannot refresh the access token now",
};

/**
 * The domain errors of the provider clients and the token vault, as HTTP answers: never a bare
 * 500, always what happened at which provider and what to do about it.
 */
export function domainErrorToHttp(
  error: unknown,
): { exception: HttpException; headers?: Record<string, string> } | undefined {
  if (error instanceof AccountNeedsRelinkError) {
    return {
      exception: new HttpException(
        {
          error: 'account_needs_relink',
          message: `${error.message} (${PROVIDER_LABELS[error.provider]}: sign in with it again from the Accounts page.)`,
        },
        409,
      ),
    };
  }
  if (error instanceof TokenRefreshUnavailableError) {
    return {
      exception: new HttpException({ error: 'provider_unavailable', message: error.message }, 503),
    };
  }
  if (error instanceof UnknownApplicationError) {
    return {
      exception: new HttpException({ error: 'unknown_application', message: error.message }, 404),
    };
  }
  if (!(error instanceof ProviderApiError)) return undefined;
  const label = PROVIDER_LABELS[error.provider];
  const message = withRequestId(error.message, error.requestId);
  switch (error.kind) {
    case 'unauthorized':
      return {
        exception: new HttpException(
          {
            error: 'provider_token_rejected',
            message: `${label} no longer accepts Launchpad's access; sign in with ${label} again. ${message}`,
          },
          403,
        ),
      };
    case 'insufficient_scope':
      return {
        exception: new HttpException(
          {
            error: 'insufficient_provider_scope',
            message: `${label} says Launchpad's access does not allow this; sign in with ${label} again and grant the permissions asked for. ${message}`,
          },
          403,
        ),
      };
    case 'not_found':
      return { exception: new HttpException({ error: 'not_found', message }, 404) };
    case 'invalid':
      return {
        exception: new HttpException(
          {
            error: 'provider_rejected',
            message,
            fields: error.fields.map((f) => ({
              field: f.field ?? 'provider',
              message: f.reason,
            })),
          },
          422,
        ),
      };
    case 'rate_limited':
      return {
        exception: new HttpException(
          {
            error: 'provider_rate_limited',
            message: `${label} is limiting requests; try again${error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} s` : ' shortly'}. ${message}`,
          },
          429,
        ),
        headers: error.retryAfterSeconds ? { 'Retry-After': String(error.retryAfterSeconds) } : {},
      };
    case 'unavailable':
      return {
        exception: new HttpException({ error: 'provider_unavailable', message }, 502),
      };
  }
}
