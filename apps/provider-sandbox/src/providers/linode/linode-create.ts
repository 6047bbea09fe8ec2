import { LINODE_REGIONS } from '../../seed/linode-regions';
import {
  LINODE_IMAGES,
  LINODE_STACKSCRIPTS,
  LINODE_TYPES,
  type LinodeStackScript,
} from '../../seed/linode-catalog';
import { isStrongPassword } from './password-strength';

export interface LinodeFieldError {
  reason: string;
  field?: string;
}

export interface LinodeCreateInput {
  type: string;
  region: string;
  label: string | null;
  image: string | null;
  group: string;
  tags: string[];
  booted: boolean;
  stackscriptId: number | null;
  hasUserData: boolean;
}

/** Linode labels: 3–64 characters, a letter first, no `--`, `__` or `..` (linode.md §2.7). */
const LABEL = /^[a-zA-Z]((?!--|__|\.\.)[a-zA-Z0-9-_.])+$/;

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * Validates `POST /linode/instances` the way the real API does, collecting every problem it can
 * ("We will try to include as many of the problems … as possible").
 */
export function validateLinodeCreate(body: unknown): {
  input?: LinodeCreateInput;
  errors: LinodeFieldError[];
} {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { errors: [{ reason: 'Request body must be a JSON object' }] };
  }
  const b = body as Record<string, unknown>;
  const errors: LinodeFieldError[] = [];
  const str = (key: string) => (typeof b[key] === 'string' ? (b[key] as string) : undefined);

  if (b['type'] === undefined) errors.push({ reason: 'type is required', field: 'type' });
  else if (!LINODE_TYPES.some((t) => t.id === b['type']))
    errors.push({ reason: 'type is not valid', field: 'type' });
  if (b['region'] === undefined) errors.push({ reason: 'region is required', field: 'region' });
  else if (!LINODE_REGIONS.some((r) => r.id === b['region']))
    errors.push({ reason: 'region is not valid', field: 'region' });

  const label = b['label'];
  if (label !== undefined && label !== null) {
    if (typeof label !== 'string' || label.length < 3 || label.length > 64) {
      errors.push({ reason: 'Label must contain between 3 and 64 characters.', field: 'label' });
    } else if (!LABEL.test(label)) {
      errors.push({
        reason:
          "Label must begin with a letter and may only contain letters, numbers, dashes, underscores and periods, without '--', '__' or '..'.",
        field: 'label',
      });
    }
  }

  const image = b['image'];
  if (image !== undefined && image !== null && !LINODE_IMAGES.some((i) => i.id === image)) {
    errors.push({ reason: 'image is not valid', field: 'image' });
  }

  let stackscript: LinodeStackScript | undefined;
  const stackscriptId = b['stackscript_id'];
  if (stackscriptId !== undefined && stackscriptId !== null) {
    stackscript = LINODE_STACKSCRIPTS.find((s) => s.id === stackscriptId);
    if (!stackscript || !stackscript.is_public)
      errors.push({ reason: 'StackScript not found', field: 'stackscript_id' });
    else if (typeof image !== 'string')
      errors.push({ reason: 'image is required when deploying a StackScript', field: 'image' });
    else if (!stackscript.images.includes(image)) {
      errors.push({
        reason: `The image ${image} is not compatible with this StackScript`,
        field: 'image',
      });
    }
  }
  if (stackscript) errors.push(...validateUdfs(stackscript, b['stackscript_data']));

  const keys = b['authorized_keys'];
  const users = b['authorized_users'];
  if (keys !== undefined && !isStringArray(keys))
    errors.push({ reason: 'authorized_keys must be a list of strings', field: 'authorized_keys' });
  if (users !== undefined && !isStringArray(users))
    errors.push({
      reason: 'authorized_users must be a list of strings',
      field: 'authorized_users',
    });
  const rootPass = b['root_pass'];
  const hasKeys =
    (isStringArray(keys) && keys.length > 0) || (isStringArray(users) && users.length > 0);
  if (rootPass !== undefined && typeof rootPass !== 'string') {
    errors.push({ reason: 'root_pass must be a string', field: 'root_pass' });
  } else if (typeof image === 'string' && rootPass === undefined && !hasKeys) {
    errors.push({
      reason: 'root_pass is required when deploying from an image',
      field: 'root_pass',
    });
  } else if (typeof rootPass === 'string' && !isStrongPassword(rootPass)) {
    errors.push({ reason: 'Password does not meet strength requirement.', field: 'root_pass' });
  }

  const tags = b['tags'];
  if (tags !== undefined && !isStringArray(tags))
    errors.push({ reason: 'tags must be a list of strings', field: 'tags' });
  const booted = b['booted'];
  if (booted !== undefined && typeof booted !== 'boolean')
    errors.push({ reason: 'booted must be a boolean', field: 'booted' });
  const group = b['group'];
  if (group !== undefined && typeof group !== 'string')
    errors.push({ reason: 'group must be a string', field: 'group' });
  const metadata = b['metadata'];
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null)) {
    errors.push({ reason: 'metadata must be an object', field: 'metadata' });
  }

  if (errors.length > 0) return { errors };
  return {
    errors,
    input: {
      // Both were checked against the catalog above.
      type: str('type') ?? '',
      region: str('region') ?? '',
      label: typeof label === 'string' ? label : null,
      image: typeof image === 'string' ? image : null,
      group: typeof group === 'string' ? group : '',
      tags: isStringArray(tags) ? tags : [],
      // Booted by default when created from an image (linode.md §2.7).
      booted: typeof booted === 'boolean' ? booted : typeof image === 'string',
      stackscriptId: stackscript?.id ?? null,
      hasUserData: typeof (metadata as { user_data?: unknown } | undefined)?.user_data === 'string',
    },
  };
}

function validateUdfs(stackscript: LinodeStackScript, data: unknown): LinodeFieldError[] {
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    return [{ reason: 'stackscript_data must be an object', field: 'stackscript_data' }];
  }
  const values = (data ?? {}) as Record<string, unknown>;
  if (JSON.stringify(values).length > 65_535) {
    return [
      { reason: 'stackscript_data must be at most 65535 characters', field: 'stackscript_data' },
    ];
  }
  const errors: LinodeFieldError[] = [];
  for (const udf of stackscript.user_defined_fields) {
    const field = `stackscript_data.${udf.name}`;
    const value = values[udf.name];
    const manyof = udf.manyof?.split(',');
    if (value === undefined || value === '') {
      // A UDF without a default is required input (linode.md §2.6).
      if (udf.default === undefined) errors.push({ reason: `${udf.label} is required`, field });
      continue;
    }
    if (typeof value !== 'string') {
      errors.push({ reason: `${udf.label} must be a string`, field });
    } else if (udf.oneof && !udf.oneof.split(',').includes(value)) {
      errors.push({ reason: `${udf.label} must be one of ${udf.oneof}`, field });
    } else if (manyof && !value.split(',').every((v) => manyof.includes(v))) {
      errors.push({
        reason: `${udf.label} must be a comma-separated list drawn from ${udf.manyof}`,
        field,
      });
    }
  }
  return errors;
}
