import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorBody } from '@launchpad/shared-api-types';

const CODES: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  431: 'request_header_fields_too_large',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Maps any exception to the documented error body; unknown errors say nothing of their insides. */
export function toApiErrorBody(exception: unknown, requestId: string): ApiErrorBody {
  if (!(exception instanceof HttpException)) {
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'internal_error',
      message: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
      requestId,
    };
  }
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const fromResponse =
    typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const message = fromResponse['message'];
  return {
    statusCode,
    error:
      typeof fromResponse['error'] === 'string' && /^[a-z_]+$/.test(fromResponse['error'])
        ? fromResponse['error']
        : (CODES[statusCode] ?? (statusCode >= 500 ? 'internal_error' : 'bad_request')),
    message: Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : exception.message,
    requestId,
    ...(Array.isArray(fromResponse['fields'])
      ? { fields: fromResponse['fields'] as ApiErrorBody['fields'] }
      : {}),
  };
}
