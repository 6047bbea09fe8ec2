/**
 * The one error shape of every /api/* endpoint (OAuth endpoints use RFC 6749's
 * `{ error, error_description }` instead).
 */
export interface ApiErrorBody {
  /** The HTTP status code, repeated so that logs and scripts need only the body. */
  statusCode: number;
  /** A stable, machine-readable code in snake_case, e.g. `not_found`, `validation_failed`. */
  error: string;
  /** A sentence for people. Never contains a secret. */
  message: string;
  /** The request id, also sent as the `X-Request-Id` header; quote it when reporting a problem. */
  requestId: string;
  /** Field-level problems of a rejected input, when there are any. */
  fields?: ApiFieldError[];
}

export interface ApiFieldError {
  /** A dotted path into the request body, e.g. `udf.admin_email`. */
  field: string;
  message: string;
}
