import { UnprocessableEntityException } from '@nestjs/common';
import type { ApiFieldError } from '@launchpad/shared-api-types';
import { createZodValidationPipe } from 'nestjs-zod';
import { ZodError } from 'zod';

/**
 * The one global validation pipe (registered by api-core): request bodies, params and queries
 * typed as `createZodDto` DTOs are checked against their zod schema. A failure answers 422 in the
 * API's error shape, `{ error: 'validation_failed', message, fields: [{ field, message }] }`, with
 * one entry per failing field (`field` is the dotted path, `body` for the whole body).
 */
export const ApiValidationPipe = createZodValidationPipe({
  createValidationException: (error: unknown) => {
    const fields: ApiFieldError[] =
      error instanceof ZodError
        ? error.issues.map((issue) => ({
            field: issue.path.map(String).join('.') || 'body',
            message: issue.message,
          }))
        : [{ field: 'body', message: 'is not valid' }];
    return new UnprocessableEntityException({
      error: 'validation_failed',
      message: `The request has ${fields.length === 1 ? 'a problem' : `${fields.length} problems`}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
      fields,
    });
  },
});
