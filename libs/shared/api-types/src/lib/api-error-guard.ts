import type { ApiErrorBody, ApiFieldError } from './api-error';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldError(value: unknown): value is ApiFieldError {
  return (
    isRecord(value) && typeof value['field'] === 'string' && typeof value['message'] === 'string'
  );
}

/** Tells a Launchpad API error body from anything else a proxy or a crash might have answered. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    isRecord(value) &&
    typeof value['statusCode'] === 'number' &&
    typeof value['error'] === 'string' &&
    typeof value['message'] === 'string' &&
    typeof value['requestId'] === 'string' &&
    (value['fields'] === undefined ||
      (Array.isArray(value['fields']) && value['fields'].every(isFieldError)))
  );
}
