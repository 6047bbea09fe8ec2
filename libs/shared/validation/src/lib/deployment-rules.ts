import type { FieldView, ProviderName } from '@launchpad/shared-api-types';
import { hasControlCharacter } from './control-characters';
import { regexes } from 'zod/v4/core';

/*
 * What a deployment may carry, in one place for both sides: the API refuses a value with these
 * words (validateDeployment, 422 with `fields`), and the deploy wizard refuses the same value
 * beside its field before anything is sent.
 */

/** RFC 1123 host names: dot-separated labels of letters, digits and inner dashes, 253 at most. */
const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** Linode: 3–64, a letter first, no `--`, `__` or `..` (linode.md §2.7). */
const LINODE_LABEL = /^[a-zA-Z]((?!--|__|\.\.)[a-zA-Z0-9-_.])+$/;
/** DigitalOcean droplet names (digitalocean.md §2.7). */
const DROPLET_NAME = /^[a-zA-Z0-9]?[a-z0-9A-Z.-]*[a-z0-9A-Z]$/;

/**
 * What is wrong with one application field's value for its kind (FieldView.kind: text, number
 * within min/max, email, RFC 1123 hostname, oneof, manyof as a comma-separated list), in words
 * that name the field; undefined when it is fine. An empty value is missing.
 */
export function fieldProblem(field: FieldView, value: string): string | undefined {
  if (value === '') return field.required ? `${field.label} is required.` : undefined;
  if (hasControlCharacter(value, { textBreaks: true }))
    return `${field.label} must not contain control characters.`;
  switch (field.kind) {
    case 'number':
      return numberProblem(field, value);
    case 'email':
      // zod's email pattern, the one z.email() applies.
      return regexes.email.test(value)
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

function numberProblem(field: FieldView, value: string): string | undefined {
  const n = /^-?\d{1,15}$/.test(value) ? Number(value) : NaN;
  const low = field.min ?? Number.MIN_SAFE_INTEGER;
  const high = field.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isNaN(n) && n >= low && n <= high) return undefined;
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

/**
 * What is wrong with a server's name at this provider (Linode labels: linode.md §2.7;
 * DigitalOcean droplet names: digitalocean.md §2.7), or undefined.
 */
export function labelProblem(
  provider: ProviderName | undefined,
  label: string,
): string | undefined {
  if (provider === 'linode') {
    if (label.length < 3 || label.length > 64) {
      return 'Label must contain between 3 and 64 characters.';
    }
    return LINODE_LABEL.test(label)
      ? undefined
      : 'Label must begin with a letter and contain only letters, digits, -, _ and ., with no --, __ or .. in a row.';
  }
  return label.length >= 1 && label.length <= 255 && DROPLET_NAME.test(label)
    ? undefined
    : 'Name may contain only letters, digits, . and -, and must end with a letter or digit.';
}
