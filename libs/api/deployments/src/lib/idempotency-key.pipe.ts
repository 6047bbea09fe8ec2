import {
  BadRequestException,
  type ExecutionContext,
  Injectable,
  type PipeTransform,
  createParamDecorator,
} from '@nestjs/common';
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
