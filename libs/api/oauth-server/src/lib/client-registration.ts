import type { OAuthClientRegistration } from '@launchpad/shared-api-types';
import { LAUNCHPAD_SCOPES } from '@launchpad/shared-scopes';
import { schemaOf } from '@launchpad/api-http';
import { z } from 'zod';
import { DEVICE_CODE_GRANT } from './oauth-clients.service';

const scope = z.enum(Object.keys(LAUNCHPAD_SCOPES) as [string, ...string[]]);

/** A registration as admins send it (SPA or `main.js clients add`), with field errors. */
export const registrationSchema = schemaOf<OAuthClientRegistration>()(
  z
    .object({
      name: z.string().trim().min(1, 'a name is required').max(100),
      type: z
        .enum(['public', 'confidential'])
        .describe('RFC 6749 §2.1: `confidential` gets a secret, shown once'),
      allowedScopes: z
        .array(scope)
        .min(1, 'at least one scope')
        .describe('The Launchpad scopes the client may ask for'),
      defaultScopes: z
        .array(scope)
        .optional()
        .describe(
          'Granted when a request names no scope: among allowedScopes; all of them when absent',
        ),
      redirectUris: z.array(z.string().url()).max(10).optional(),
    })
    .refine((r) => (r.defaultScopes ?? []).every((s) => r.allowedScopes.includes(s)), {
      message: 'default scopes must be among the allowed ones',
      path: ['defaultScopes'],
    }),
);

/** What the registry stores for a registration: the device flow and refresh, its scopes. */
export function registrationInput(input: OAuthClientRegistration) {
  return {
    name: input.name,
    type: input.type,
    grantTypes: [DEVICE_CODE_GRANT, 'refresh_token'],
    allowedScopes: input.allowedScopes,
    defaultScopes: input.defaultScopes?.length ? input.defaultScopes : input.allowedScopes,
    redirectUris: input.redirectUris ?? [],
  };
}
