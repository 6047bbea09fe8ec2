import { registerAs } from '@nestjs/config';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  type ApplicationDefinition,
  BUILT_IN_APPLICATIONS,
  applicationsSchema,
} from '@launchpad/api-applications';
import { ConfigError } from './config-error';
import { type Env, parseEnv } from './env';

export interface DeploymentsConfig {
  applications: ApplicationDefinition[];
  /** Public catalog data (plans, regions, images, StackScripts) is refetched after this long. */
  catalogTtlMs: number;
  /** Revoke the provider token once a deployment ends (as the Install-on-Linode guide does). */
  deployOnly: boolean;
}

/** The deployable applications (built in, or your own from APPLICATIONS_FILE) and deploy options. */
export function loadDeploymentsConfig(env: Env): DeploymentsConfig {
  const vars = parseEnv(
    {
      APPLICATIONS_FILE: z.string().min(1).optional(),
      CATALOG_TTL_MINUTES: z.coerce
        .number({ message: 'must be a number of minutes' })
        .min(1, 'must be at least 1')
        .max(1440, 'must be at most 1440 (a day)')
        .default(10),
      DEPLOY_ONLY: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
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
  return {
    applications,
    catalogTtlMs: vars.CATALOG_TTL_MINUTES * 60_000,
    deployOnly: vars.DEPLOY_ONLY === 'true',
  };
}

/** The `deployments` namespace (APPLICATIONS_FILE, CATALOG_TTL_MINUTES, DEPLOY_ONLY). */
export const deploymentsConfig = registerAs(
  'deployments',
  (): DeploymentsConfig => loadDeploymentsConfig(process.env),
);
