import type { ApiErrorBody, ApiFieldError } from '@launchpad/shared-api-types';
import { z } from 'zod';
import { componentDto, schemaOf } from '../schema-of';

export const apiFieldErrorSchema = schemaOf<ApiFieldError>()(
  z
    .strictObject({
      field: z
        .string()
        .describe(
          'A dotted path into the request, e.g. `name`, `allowedScopes.0`, `fields.admin_email`; `body` for the body as a whole',
        ),
      message: z.string().describe('What is wrong with it, in words'),
    })
    .meta({ id: 'ApiFieldError' }),
);

/**
 * Every error of /api/* (and of /.well-known/*): the shape ApiExceptionFilter answers, with the
 * failing fields of a rejected input (422 `validation_failed`, `provider_rejected`).
 */
export const apiErrorBodySchema = schemaOf<ApiErrorBody>()(
  z
    .strictObject({
      statusCode: z.int().describe('The HTTP status code, repeated'),
      error: z
        .string()
        .regex(/^[a-z_]+$/)
        .describe('A stable code in snake_case, e.g. `not_found`, `validation_failed`'),
      message: z.string().describe('A sentence for people; never a secret'),
      requestId: z.string().describe('Also sent as the X-Request-Id header; quote it in reports'),
      fields: z
        .array(apiFieldErrorSchema)
        .optional()
        .describe('One entry per failing field of a rejected input'),
    })
    .meta({ id: 'ApiErrorBody' }),
);

/** The response DTO of every /api error (OpenAPI component ApiErrorBody). */
export class ApiErrorBodyDto extends componentDto(apiErrorBodySchema) {}
