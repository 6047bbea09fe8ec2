import { registerAs } from '@nestjs/config';
import { resolve } from 'node:path';
import { z } from 'zod';
import { type Env, httpUrl, parseEnv, port } from './env';

export interface AppConfig {
  /** NODE_ENV=production: secrets must come from the environment, cookies are Secure. */
  production: boolean;
  host: string;
  port: number;
  /** The URL people open; OAuth redirect URIs and the device flow's verification_uri derive from it. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The built SPA that the API serves; absent in `nx serve api`, where the dev server serves it. */
  webDistDir: string;
  /** People (by the email of a linked provider account) who manage OAuth clients. */
  adminEmails: string[];
}

export function loadAppConfig(env: Env): AppConfig {
  const vars = parseEnv(
    {
      NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: port(3000),
      PUBLIC_URL: httpUrl('the Launchpad web app, e.g. https://launchpad.example.com').optional(),
      LOG_LEVEL: z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
      WEB_DIST_DIR: z.string().default('dist/apps/web/browser'),
      ADMIN_EMAILS: z.string().default(''),
    },
    env,
  );
  return {
    production: vars.NODE_ENV === 'production',
    host: vars.HOST,
    port: vars.PORT,
    publicUrl: vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`,
    logLevel: vars.LOG_LEVEL,
    webDistDir: resolve(vars.WEB_DIST_DIR),
    adminEmails: vars.ADMIN_EMAILS.split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  };
}

/** The `app` namespace: inject with `@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>`. */
export const appConfig = registerAs('app', (): AppConfig => loadAppConfig(process.env));
