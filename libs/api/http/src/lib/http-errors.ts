import { HttpException } from '@nestjs/common';

/**
 * Errors that Express middleware raises before a controller runs (body-parser's malformed JSON,
 * too large bodies, wrong charset) carry a 4xx `status` and `expose: true` (the http-errors
 * convention). They are the client's fault and must answer 4xx, never 500.
 */
export function fromMiddlewareError(error: unknown): HttpException | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose, type } = error as { status?: unknown; expose?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true)
    return undefined;
  const message =
    type === 'entity.parse.failed'
      ? 'The request body is not valid JSON'
      : type === 'entity.too.large'
        ? 'The request body is too large'
        : (error as Error).message;
  return new HttpException({ message }, status);
}
