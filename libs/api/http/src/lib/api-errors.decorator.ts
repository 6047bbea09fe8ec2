import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiErrorBodyDto } from './dto/api-error-body.dto';

/** The error statuses /api routes answer besides 401/403 (ApiSession, ApiDeviceToken) and 500. */
export type ApiErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429 | 502 | 503;

/** Route-specific error codes by status, e.g. `{ 404: '`code_not_found`: …' }`. */
export type ApiErrorCodes = Partial<Record<ApiErrorStatus, string>>;

/** What a status means on every route with a JSON body (the body parser's and the pipe's). */
const BODY_ERRORS = {
  400: '`bad_request`: the body is not valid JSON',
  413: '`payload_too_large`: a body over 100 kB',
  422: '`validation_failed`: the body or query does not match its schema; `fields` names each problem',
} as const;

/**
 * The error answers of an /api route, each in the ApiErrorBody shape: 400, 413 or 422 alone take
 * their meaning for a JSON body (`ApiErrors(400, 413, 422)`); an object names the route's own
 * codes (`ApiErrors({ 409: '`last_account`: …' })`). Codes given twice for one status are joined.
 * 500 `internal_error` is documented for every route (setupOpenApi).
 */
export function ApiErrors(...errors: (keyof typeof BODY_ERRORS | ApiErrorCodes)[]) {
  const codes = new Map<ApiErrorStatus, string[]>();
  for (const error of errors) {
    const entries =
      typeof error === 'number'
        ? ([[error, BODY_ERRORS[error]]] as const)
        : (Object.entries(error) as [`${ApiErrorStatus}`, string][]).map(
            ([status, text]) => [Number(status) as ApiErrorStatus, text] as const,
          );
    for (const [status, text] of entries) codes.set(status, [...(codes.get(status) ?? []), text]);
  }
  return applyDecorators(
    ...[...codes].map(([status, texts]) =>
      ApiResponse({ status, type: ApiErrorBodyDto, description: texts.join('; ') }),
    ),
  );
}
