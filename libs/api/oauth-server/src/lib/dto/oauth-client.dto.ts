import type { OAuthClientRegistered, OAuthClientView } from '@launchpad/shared-api-types';
import { componentDto, schemaOf } from '@launchpad/api-http';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { registrationSchema } from '../client-registration';

/** `POST /api/admin/clients`. */
export class OAuthClientRegistrationDto extends createZodDto(registrationSchema) {}

/** A registered OAuth client of Launchpad's authorization server, never with its secret. */
export const oauthClientViewSchema = schemaOf<OAuthClientView>()(
  z
    .strictObject({
      clientId: z.string().describe('`launchpad-cli`, or `lpc_…` for a registered one'),
      name: z.string(),
      type: z
        .enum(['public', 'confidential'])
        .describe('RFC 6749 §2.1: a confidential client authenticates with its secret'),
      grantTypes: z.array(z.string()),
      allowedScopes: z.array(z.string()),
      defaultScopes: z.array(z.string()).describe('Granted when a request names no scope'),
      redirectUris: z.array(z.string()),
      createdAt: z.iso.datetime(),
    })
    .meta({ id: 'OAuthClientView' }),
);

/** One item of `GET /api/admin/clients` (OpenAPI component OAuthClientView). */
export class OAuthClientViewDto extends componentDto(oauthClientViewSchema) {}

/** The answer to a registration. */
export const oauthClientRegisteredSchema = schemaOf<OAuthClientRegistered>()(
  z
    .strictObject({
      client: oauthClientViewSchema,
      clientSecret: z
        .string()
        .nullable()
        .describe('A confidential client’s secret, shown this once (only its hash is kept)'),
    })
    .meta({ id: 'OAuthClientRegistered' }),
);

/** The 201 of `POST /api/admin/clients` (component OAuthClientRegistered). */
export class OAuthClientRegisteredDto extends componentDto(oauthClientRegisteredSchema) {}
