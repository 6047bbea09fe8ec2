import type { ApiFieldError, CatalogView, DeploymentRequest } from '@launchpad/shared-api-types';
import { providerNameSchema, schemaOf } from '@launchpad/api-http';
import { fieldProblem, labelProblem } from '@launchpad/shared-validation';
import { z } from 'zod';

/** `POST /api/deployments`; the provider's own rules are checked next (validateDeployment). */
export const deploymentRequestSchema = schemaOf<DeploymentRequest>()(
  z.object({
    provider: providerNameSchema,
    application: z.string().min(1).max(64).describe('An application id (GET /api/applications)'),
    plan: z.string().min(1).max(100).describe('A plan id of the catalog, offered in `region`'),
    region: z.string().min(1).max(100),
    image: z.string().min(1).max(200).describe('An image the application supports'),
    label: z
      .string()
      .max(255)
      .describe('Linode: 3–64 characters, a letter first; DigitalOcean: a droplet name'),
    fields: z
      .record(z.string().max(200), z.string().max(10_000))
      .optional()
      .describe("The application's fields (Linode UDFs, cloud-init template fields), by name"),
  }),
);

/**
 * The provider's own rules, checked before calling it, each with the field it concerns: the
 * label pattern, a plan offered in the region, an image the application supports, and the
 * application's fields (required, each valid for its kind, nothing unknown), each failure with
 * the field it concerns (`fields.<name>` for a field) for the 422's `fields`.
 */
export function validateDeployment(
  input: DeploymentRequest,
  catalog: CatalogView,
): ApiFieldError[] {
  const errors: ApiFieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const labelError = labelProblem(input.provider, input.label);
  if (labelError) add('label', labelError);
  const plan = catalog.plans.find((p) => p.id === input.plan);
  if (!plan) add('plan', `There is no plan "${input.plan}".`);
  if (!catalog.regions.some((r) => r.id === input.region)) {
    add('region', `There is no region "${input.region}".`);
  } else if (plan && !plan.regions.includes(input.region)) {
    add('region', `${plan.label} is not offered in ${input.region}.`);
  }
  if (!catalog.images.some((i) => i.id === input.image)) {
    add('image', `${catalog.application.name} cannot be deployed on the image "${input.image}".`);
  }
  const values = input.fields ?? {};
  for (const field of catalog.fields) {
    const problem = fieldProblem(field, values[field.name] ?? '');
    if (problem) add(`fields.${field.name}`, problem);
  }
  for (const name of Object.keys(values)) {
    if (!catalog.fields.some((f) => f.name === name)) {
      add(`fields.${name}`, `${catalog.application.name} has no field "${name}".`);
    }
  }
  return errors;
}

/** Defaults filled in for what the person left empty. */
export function fieldValues(
  input: DeploymentRequest,
  catalog: CatalogView,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of catalog.fields) {
    const value = input.fields?.[field.name];
    if (value !== undefined && value !== '') values[field.name] = value;
    else if (field.default !== null) values[field.name] = field.default;
  }
  return values;
}
