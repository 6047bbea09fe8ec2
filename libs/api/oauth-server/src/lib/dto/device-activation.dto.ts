import type {
  DeviceActivationDecision,
  DeviceActivationResult,
  DeviceActivationView,
} from '@launchpad/shared-api-types';
import { componentDto, schemaOf } from '@launchpad/api-http';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/**
 * The user code as the person typed it (case, dashes and spaces do not matter). Anything that is
 * not a string of at most 32 characters becomes '' rather than a 422: the activation controller
 * answers it 400 `invalid_user_code` and counts it as a wrong code, as every malformed code is
 * counted (RFC 8628 §5.1).
 */
const userCode = z
  .string()
  .max(32)
  .catch('')
  .describe('The code the device shows, e.g. `WDJB-MJHT`: 8 letters, case and dash do not matter');

/** `GET /api/device/activation?user_code=…`. */
export class DeviceActivationQueryDto extends createZodDto(z.object({ user_code: userCode })) {}

/** `POST /api/device/activation`. */
export const deviceActivationDecisionSchema = schemaOf<DeviceActivationDecision>()(
  z.object({
    user_code: userCode,
    decision: z
      .enum(['approve', 'deny'], { error: 'must be "approve" or "deny"' })
      .describe('`approve`: the device gets its tokens at its next poll; `deny`: access_denied'),
  }),
);

/** The body of `POST /api/device/activation`. */
export class DeviceActivationDecisionDto extends createZodDto(deviceActivationDecisionSchema) {}

/** A device waiting for the person's decision (RFC 8628 §3.3). */
export const deviceActivationViewSchema = schemaOf<DeviceActivationView>()(
  z
    .strictObject({
      userCode: z.string().describe('As the device shows it, `WDJB-MJHT`, to compare'),
      clientName: z.string().describe('The registered name of the OAuth client asking'),
      scopes: z
        .array(
          z.strictObject({
            scope: z.string().describe('A Launchpad scope, e.g. `servers:read`'),
            description: z.string().describe('What it allows, in the words of consent screens'),
          }),
        )
        .describe('The scopes the device asked for'),
      expiresAt: z.iso.datetime().describe('When the code expires'),
    })
    .meta({ id: 'DeviceActivationView' }),
);

/** `GET /api/device/activation` (OpenAPI component DeviceActivationView). */
export class DeviceActivationViewDto extends componentDto(deviceActivationViewSchema) {}

export const deviceActivationResultSchema = schemaOf<DeviceActivationResult>()(
  z
    .strictObject({
      status: z.enum(['approved', 'denied']),
      message: z.string().describe('What happens next, for the person'),
    })
    .meta({ id: 'DeviceActivationResult' }),
);

/** `POST /api/device/activation` (OpenAPI component DeviceActivationResult). */
export class DeviceActivationResultDto extends componentDto(deviceActivationResultSchema) {}
