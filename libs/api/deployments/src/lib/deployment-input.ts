import type {
  ApiFieldError,
  CatalogView,
  DeploymentRequest,
  FieldView,
} from '@launchpad/shared-api-types';
import { hasControlCharacter, providerNameSchema, schemaOf } from '@launchpad/api-http';
import { z } from 'zod';

/** Linode: 3–64, a letter first, no `--`, `__` or `..` (linode.md §2.7). */
const LINODE_LABEL = /^[a-zA-Z]((?!--|__|\.\.)[a-zA-Z0-9-_.])+$/;
/** DigitalOcean droplet names (digitalocean.md §2.7). */
const DROPLET_NAME = /^[a-zA-Z0-9]?[a-z0-9A-Z.-]*[a-z0-9A-Z]$/;

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

/** RFC 1123 host names: dot-separated labels of letters, digits and inner dashes, 253 at most. */
const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const email = z.email();

/** What is wrong with one field's value for its kind (FieldView.kind), or undefined. */
function checkField(field: FieldView, value: string | undefined): string | undefined {
  if (value === undefined || value === '') {
    return field.required ? `${field.label} is required.` : undefined;
  }
  if (hasControlCharacter(value, { textBreaks: true })) {
    return `${field.label} must not contain control characters.`;
  }
  switch (field.kind) {
    case 'number': {
      const n = /^-?\d{1,15}$/.test(value) ? Number(value) : NaN;
      const low = field.min ?? Number.MIN_SAFE_INTEGER;
      const high = field.max ?? Number.MAX_SAFE_INTEGER;
      if (Number.isNaN(n) || n < low || n > high) {
        const range =
          field.min !== null && field.max !== null
            ? ` from ${field.min} to ${field.max}`
            : field.min !== null
              ? ` of at least ${field.min}`
              : field.max !== null
                ? ` of at most ${field.max}`
                : '';
        return `${field.label} must be a whole number${range}.`;
      }
      return undefined;
    }
    case 'email':
      return email.safeParse(value).success
        ? undefined
        : `${field.label} must be an email address, like ${field.example ?? 'admin@example.com'}.`;
    case 'hostname':
      return HOSTNAME.test(value)
        ? undefined
        : `${field.label} must be a host name: letters, digits, dashes and dots, like www.example.com.`;
    case 'oneof':
      return field.options.includes(value)
        ? undefined
        : `${field.label} must be one of ${field.options.join(', ')}.`;
    case 'manyof':
      return value.split(',').every((v) => field.options.includes(v))
        ? undefined
        : `${field.label} takes a comma-separated list drawn from ${field.options.join(', ')}.`;
    default:
      return undefined;
  }
}

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
  if (input.provider === 'linode') {
    if (input.label.length < 3 || input.label.length > 64) {
      add('label', 'Label must contain between 3 and 64 characters.');
    } else if (!LINODE_LABEL.test(input.label)) {
      add(
        'label',
        'Label must begin with a letter and contain only letters, digits, -, _ and ., with no --, __ or .. in a row.',
      );
    }
  } else if (input.label.length < 1 || !DROPLET_NAME.test(input.label)) {
    add(
      'label',
      'Name may contain only letters, digits, . and -, and must end with a letter or digit.',
    );
  }
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
    const problem = checkField(field, values[field.name]);
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
