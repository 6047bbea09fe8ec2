import type { LinkedAccountView, SessionView } from '@launchpad/shared-api-types';
import { componentDto, providerNameSchema, schemaOf } from '@launchpad/api-http';
import { z } from 'zod';

/** A provider account linked to the user; never a token. */
export const linkedAccountViewSchema = schemaOf<LinkedAccountView>()(
  z
    .strictObject({
      id: z.uuid(),
      provider: providerNameSchema,
      username: z.string().nullable(),
      email: z.string().nullable(),
      scopes: z.array(z.string()).describe('Granted scopes, as the provider names them'),
      accessTokenExpiresAt: z.iso
        .datetime()
        .nullable()
        .describe('When the current access token expires; null when Launchpad holds none'),
      status: z
        .enum(['active', 'needs_relink'])
        .describe(
          '`needs_relink`: sign in with this provider again (a refresh failed, or after logout)',
        ),
      statusReason: z.string().nullable().describe('Why it needs re-linking, in words'),
    })
    .meta({ id: 'LinkedAccountView' }),
);

/** `GET /api/session`. */
export const sessionViewSchema = schemaOf<SessionView>()(
  z
    .strictObject({
      user: z.strictObject({
        id: z.uuid(),
        displayName: z.string(),
        email: z.string().nullable(),
        admin: z.boolean().describe('Named in ADMIN_EMAILS: may manage OAuth clients'),
      }),
      csrfToken: z
        .string()
        .describe('Send it as X-CSRF-Token on every POST and DELETE; empty for a device token'),
      accounts: z.array(linkedAccountViewSchema),
    })
    .meta({ id: 'SessionView' }),
);

/** `GET /api/session` (OpenAPI component SessionView). */
export class SessionViewDto extends componentDto(sessionViewSchema) {}

/** One item of `GET /api/accounts` (OpenAPI component LinkedAccountView). */
export class LinkedAccountViewDto extends componentDto(linkedAccountViewSchema) {}
