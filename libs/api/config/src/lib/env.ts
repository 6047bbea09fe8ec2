import { z } from 'zod';
import { ConfigError } from './config-error';

export type Env = Record<string, string | undefined>;

/**
 * Validates the environment variables a feature reads. Empty strings count as unset, so that
 * `FOO= npm start` behaves like not setting FOO. The first problem becomes a ConfigError whose
 * message names the variable and what was wrong with it (never its value: it may be a secret).
 */
export function parseEnv<T extends z.ZodRawShape>(shape: T, env: Env): z.infer<z.ZodObject<T>> {
  const present = Object.fromEntries(
    Object.keys(shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const result = z.object(shape).safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? 'configuration');
  throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid value'}`);
}

export const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback);

export const httpUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/, message: `must be an http(s) URL of ${what}` })
    .transform((url) => url.replace(/\/+$/, ''));
