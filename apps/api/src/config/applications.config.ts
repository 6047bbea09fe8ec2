import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  type ApplicationDefinition,
  BUILT_IN_APPLICATIONS,
  applicationsSchema,
} from '../applications/applications';
import { ConfigError } from './config-error';
import { type Env, parseEnv } from './env';

export interface ApplicationsConfig {
  applications: ApplicationDefinition[];
  /** Public catalog data (plans, regions, images, StackScripts) is refetched after this long. */
  catalogTtlMs: number;
}

/** The deployable applications: built in, or your own from APPLICATIONS_FILE (a JSON array). */
export function loadApplicationsConfig(env: Env): ApplicationsConfig {
  const vars = parseEnv(
    {
      APPLICATIONS_FILE: z.string().min(1).optional(),
      CATALOG_TTL_MINUTES: z.coerce
        .number({ message: 'must be a number of minutes' })
        .min(1, 'must be at least 1')
        .max(1440, 'must be at most 1440 (a day)')
        .default(10),
    },
    env,
  );
  let applications = BUILT_IN_APPLICATIONS;
  if (vars.APPLICATIONS_FILE) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(vars.APPLICATIONS_FILE, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `APPLICATIONS_FILE: cannot read ${vars.APPLICATIONS_FILE}: ${(error as Error).message}`,
      );
    }
    const result = applicationsSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ConfigError(
        `APPLICATIONS_FILE: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      );
    }
    applications = result.data as ApplicationDefinition[];
  }
  return { applications, catalogTtlMs: vars.CATALOG_TTL_MINUTES * 60_000 };
}
