import type { DeploymentCreated, DeploymentView } from '@launchpad/shared-api-types';
import { componentDto, providerNameSchema, schemaOf } from '@launchpad/api-http';
import { z } from 'zod';

/** A deployment and how far it got. */
export const deploymentViewSchema = schemaOf<DeploymentView>()(
  z
    .strictObject({
      id: z.uuid(),
      provider: providerNameSchema,
      accountId: z
        .string()
        .describe('The linked account it deploys to; empty once that account is disconnected'),
      application: z.string(),
      label: z.string(),
      plan: z.string(),
      region: z.string(),
      image: z.string(),
      status: z.enum(['queued', 'provisioning', 'booting', 'running', 'failed']),
      message: z
        .string()
        .nullable()
        .describe("Why it failed (the provider's reason), or what is happening now"),
      serverId: z.string().nullable().describe("The provider's server id, once created"),
      ipv4: z.string().nullable(),
      ipv6: z.string().nullable(),
      sshCommand: z.string().nullable().describe('`ssh root@<ipv4>` once there is an address'),
      monthlyPrice: z.number().nullable().describe('US dollars per month'),
      access: z
        .array(
          z.strictObject({
            label: z.string().describe('What it is, e.g. "WordPress admin"'),
            url: z.string().describe('`http(s)://<ipv4>/…` or `ssh://root@<ipv4>`'),
          }),
        )
        .describe(
          "How to reach the application once running (its definition's `access`); empty before",
        ),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      version: z.int().describe('Increases with every change; the id of its events'),
    })
    .meta({ id: 'DeploymentView' }),
);

/** `POST /api/deployments`: 201 with the root password, or 200 for a replayed Idempotency-Key. */
export const deploymentCreatedSchema = schemaOf<DeploymentCreated>()(
  z
    .strictObject({
      deployment: deploymentViewSchema,
      rootPassword: z
        .string()
        .nullable()
        .describe('Shown this once and never stored; null on a replay'),
      replayed: z.boolean().describe('True when this Idempotency-Key was seen before'),
    })
    .meta({ id: 'DeploymentCreated' }),
);

/** `GET /api/deployments/{id}`, and each `status` event (component DeploymentView). */
export class DeploymentViewDto extends componentDto(deploymentViewSchema) {}

/** The 201 (or replayed 200) of `POST /api/deployments` (component DeploymentCreated). */
export class DeploymentCreatedDto extends componentDto(deploymentCreatedSchema) {}
