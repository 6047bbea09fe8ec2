import type {
  ServerActionResult,
  ServerList,
  ServerListProblem,
  ServerView,
} from '@launchpad/shared-api-types';
import { componentDto, providerNameSchema, schemaOf } from '@launchpad/api-http';
import { z } from 'zod';

/** One server (a Linode, a Droplet) in one of the user's linked accounts. */
export const serverViewSchema = schemaOf<ServerView>()(
  z
    .strictObject({
      provider: providerNameSchema,
      accountId: z.uuid().describe('The linked account (GET /api/accounts) it belongs to'),
      id: z.string().describe("The provider's id (a number at both, as a string)"),
      label: z.string(),
      status: z
        .enum(['provisioning', 'booting', 'running', 'rebooting', 'offline', 'deleting', 'busy'])
        .describe("The status in Launchpad's words, whichever provider runs it"),
      providerStatus: z
        .string()
        .describe("The provider's own word, e.g. Linode `shutting_down`, DigitalOcean `new`"),
      ipv4: z.string().nullable(),
      ipv6: z.string().nullable(),
      region: z.string(),
      plan: z.string(),
      image: z.string().nullable(),
      createdAt: z.iso.datetime(),
      tags: z.array(z.string()),
    })
    .meta({ id: 'ServerView' }),
);

/** A linked account whose servers could not be listed; the others' are still listed. */
const serverListProblemSchema = schemaOf<ServerListProblem>()(
  z
    .strictObject({
      provider: providerNameSchema,
      accountId: z.uuid(),
      message: z.string(),
      requestId: z.string().nullable().describe("The provider's request id, when it sent one"),
    })
    .meta({ id: 'ServerListProblem' }),
);

/** `GET /api/servers`. */
export const serverListSchema = schemaOf<ServerList>()(
  z
    .strictObject({
      servers: z.array(serverViewSchema),
      problems: z.array(serverListProblemSchema),
    })
    .meta({ id: 'ServerList' }),
);

/** The answer to reboot and delete: the provider accepted the action (202). */
export const serverActionResultSchema = schemaOf<ServerActionResult>()(
  z
    .strictObject({
      provider: providerNameSchema,
      id: z.string(),
      action: z.enum(['reboot', 'delete']),
      message: z.string(),
    })
    .meta({ id: 'ServerActionResult' }),
);

/** `GET /api/servers/{provider}/{id}` (OpenAPI component ServerView). */
export class ServerViewDto extends componentDto(serverViewSchema) {}

/** `GET /api/servers` (OpenAPI component ServerList). */
export class ServerListDto extends componentDto(serverListSchema) {}

/** The 202 of reboot and delete (OpenAPI component ServerActionResult). */
export class ServerActionResultDto extends componentDto(serverActionResultSchema) {}
