import type { LogoutResult, RevocationReport } from '@launchpad/shared-api-types';
import { componentDto, providerNameSchema, schemaOf } from '@launchpad/api-http';
import { z } from 'zod';

/** What happened to one provider's tokens (RFC 7009 revocation at the provider). */
const revocationReportSchema = schemaOf<RevocationReport>()(
  z
    .strictObject({
      provider: providerNameSchema,
      status: z
        .enum(['revoked', 'pending'])
        .describe('`pending`: the provider could not be reached; Launchpad keeps retrying'),
      message: z.string(),
    })
    .meta({ id: 'RevocationReport' }),
);

/** `POST /api/auth/logout` and `DELETE /api/accounts/{id}`. */
export const logoutResultSchema = schemaOf<LogoutResult>()(
  z.strictObject({ revocations: z.array(revocationReportSchema) }).meta({ id: 'LogoutResult' }),
);

/** The answer to logout and to disconnecting an account (component LogoutResult). */
export class LogoutResultDto extends componentDto(logoutResultSchema) {}
