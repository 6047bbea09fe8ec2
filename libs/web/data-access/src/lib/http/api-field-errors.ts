import { HttpErrorResponse } from '@angular/common/http';
import { type ApiFieldError, isApiErrorBody } from '@launchpad/shared-api-types';

/** The field-level problems of a refused input (422 `validation_failed`), if the API named any. */
export function apiFieldErrors(error: unknown): ApiFieldError[] {
  const body: unknown = error instanceof HttpErrorResponse ? error.error : undefined;
  return isApiErrorBody(body) ? (body.fields ?? []) : [];
}
