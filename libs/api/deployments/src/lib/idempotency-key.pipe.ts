import {
  BadRequestException,
  type ExecutionContext,
  Injectable,
  type PipeTransform,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from '@launchpad/api-http';
import { IDEMPOTENCY_KEY_HEADER } from '@launchpad/shared-api-types';
import type { Request } from 'express';

/**
 * The `Idempotency-Key` header a create must carry (1–200 printable ASCII characters, e.g. a
 * UUID), so that a retried request cannot create a second server. Missing or malformed: 400
 * `idempotency_key_required`.
 */
@Injectable()
export class IdempotencyKeyPipe implements PipeTransform<string | undefined, string> {
  transform(value: string | undefined): string {
    if (!value || value.length > 200 || !/^[\x21-\x7e]+$/.test(value)) {
      throw new BadRequestException({
        error: 'idempotency_key_required',
        message:
          'Send an Idempotency-Key header (1–200 printable characters, e.g. a UUID) so that a retried request cannot create a second server.',
      });
    }
    return value;
  }
}

const idempotencyKeyHeader = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<Request>().get(IDEMPOTENCY_KEY_HEADER),
);

/** The request's Idempotency-Key header, validated by IdempotencyKeyPipe. */
export const IdempotencyKey = () => idempotencyKeyHeader(undefined, IdempotencyKeyPipe);

/** Documents the Idempotency-Key header of a route, with the errors IdempotencyKeyPipe answers. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: true,
      description:
        '1–200 printable ASCII characters, e.g. a UUID: a retry with the same key and body answers the same deployment (200) instead of creating a second server',
    }),
    ApiErrors({
      400: '`idempotency_key_required`: the Idempotency-Key header is missing or malformed',
      422: '`idempotency_key_reused`: this key was used for a different request',
    }),
  );
