import type {
  ApplicationView,
  CatalogView,
  FieldView,
  ImageView,
  PlanView,
  RegionView,
} from '@launchpad/shared-api-types';
import { componentDto, providerNameSchema, schemaOf } from '@launchpad/api-http';
import { z } from 'zod';

/** An application Launchpad deploys (a Linode StackScript, or cloud-init on DigitalOcean). */
export const applicationViewSchema = schemaOf<ApplicationView>()(
  z
    .strictObject({
      id: z.string().describe('What POST /api/deployments takes as `application`'),
      name: z.string(),
      description: z.string(),
      providers: z.array(providerNameSchema).describe('Where it can be deployed'),
    })
    .meta({ id: 'ApplicationView' }),
);

/** A size of server (Linode type, DigitalOcean size) with its prices in US dollars. */
const planViewSchema = schemaOf<PlanView>()(
  z
    .strictObject({
      id: z.string().describe('e.g. `g6-nanode-1` (Linode), `s-1vcpu-1gb` (DigitalOcean)'),
      label: z.string(),
      vcpus: z.number(),
      memoryMb: z.number().describe('Memory, in MB'),
      diskGb: z.number().describe('Disk, in GB'),
      priceMonthly: z.number().describe('US dollars per month'),
      priceHourly: z.number().describe('US dollars per hour'),
      regions: z.array(z.string()).describe('The regions that can host this plan'),
    })
    .meta({ id: 'PlanView' }),
);

/** A region or an image: the provider's id and its label for people. */
const option = (id: string) => z.strictObject({ id: z.string(), label: z.string() }).meta({ id });
const regionViewSchema = schemaOf<RegionView>()(option('RegionView'));
const imageViewSchema = schemaOf<ImageView>()(option('ImageView'));

/** An input the application asks for: a Linode StackScript UDF, or a cloud-init template field. */
const fieldViewSchema = schemaOf<FieldView>()(
  z
    .strictObject({
      name: z.string().describe('The key in POST /api/deployments `fields`'),
      label: z.string(),
      required: z.boolean(),
      default: z.string().nullable(),
      example: z.string().nullable(),
      kind: z
        .enum(['text', 'number', 'email', 'hostname', 'oneof', 'manyof'])
        .describe(
          '`text`: free text; `number`: a whole number within `min`..`max`; `email`; `hostname` (RFC 1123); `oneof`: one of `options`; `manyof`: a comma-separated list of them',
        ),
      options: z.array(z.string()),
      min: z.number().int().nullable().describe('For `number`: the smallest value allowed'),
      max: z.number().int().nullable().describe('For `number`: the largest value allowed'),
    })
    .meta({ id: 'FieldView' }),
);

/** `GET /api/catalog/{provider}`: what can be deployed there, with prices. */
export const catalogViewSchema = schemaOf<CatalogView>()(
  z
    .strictObject({
      provider: providerNameSchema,
      application: applicationViewSchema,
      plans: z.array(planViewSchema),
      regions: z.array(regionViewSchema),
      images: z.array(imageViewSchema).describe('The images the application supports'),
      fields: z.array(fieldViewSchema),
      fetchedAt: z.iso
        .datetime()
        .describe("When the provider's public data was fetched (cached, then revalidated)"),
    })
    .meta({ id: 'CatalogView' }),
);

/** `GET /api/catalog/{provider}` (OpenAPI component CatalogView). */
export class CatalogViewDto extends componentDto(catalogViewSchema) {}

/** One item of `GET /api/applications` (OpenAPI component ApplicationView). */
export class ApplicationViewDto extends componentDto(applicationViewSchema) {}
