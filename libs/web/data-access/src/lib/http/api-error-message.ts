import { HttpErrorResponse } from '@angular/common/http';
import { isApiErrorBody } from '@launchpad/shared-api-types';

/** The API's message for a failed call, in words a person can act on. */
export function apiErrorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (isApiErrorBody(body)) return body.message;
    return error.status === 0
      ? 'The API did not answer.'
      : `The API answered HTTP ${error.status}.`;
  }
  return 'Something went wrong.';
}
