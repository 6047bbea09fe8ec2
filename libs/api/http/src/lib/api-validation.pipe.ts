import { type ArgumentMetadata, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { ApiFieldError } from '@launchpad/shared-api-types';
import { createZodValidationPipe } from 'nestjs-zod';
import { ZodError } from 'zod';
import { hasControlCharacter } from '@launchpad/shared-validation';

/** 422 `validation_failed` with one entry per failing field. */
function validationFailed(fields: ApiFieldError[]): UnprocessableEntityException {
  return new UnprocessableEntityException({
    error: 'validation_failed',
    message: `The request has ${fields.length === 1 ? 'a problem' : `${fields.length} problems`}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    fields,
  });
}

const ZodDtoValidationPipe = createZodValidationPipe({
  createValidationException: (error: unknown) =>
    validationFailed(
      error instanceof ZodError
        ? error.issues.map((issue) => ({
            field: issue.path.map(String).join('.') || 'body',
            message: issue.message,
          }))
        : [{ field: 'body', message: 'is not valid' }],
    ),
});

/** The dotted path of the first string (or key) in `value` with a control character. */
function controlCharacterAt(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') {
    return hasControlCharacter(value, { textBreaks: true }) ? path.join('.') || 'body' : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (hasControlCharacter(key)) return [...path, 'key'].join('.');
    const found = controlCharacterAt(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * The one global validation pipe (registered by api-core): request bodies, params and queries
 * typed as `createZodDto` DTOs are checked against their zod schema, and none of their strings
 * may hold a control character (NUL and the other C0 characters, DEL; tab and line breaks are
 * text): PostgreSQL cannot store NUL, and the others only ever arrive to confuse a log, a
 * terminal or another parser. A failure answers 422 in the API's error shape,
 * `{ error: 'validation_failed', message, fields: [{ field, message }] }`, with one entry per
 * failing field (`field` is the dotted path, `body` for the whole body).
 */
@Injectable()
export class ApiValidationPipe extends ZodDtoValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const parsed = super.transform(value, metadata);
    if ((metadata.metatype as { isZodDto?: boolean } | undefined)?.isZodDto) {
      const field = controlCharacterAt(parsed);
      if (field)
        throw validationFailed([{ field, message: 'must not contain control characters' }]);
    }
    return parsed;
  }
}
