import { registerAs } from '@nestjs/config';
import { isIP } from 'node:net';
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
  /**
   * Whose `X-Forwarded-For` and `X-Forwarded-Proto` to believe (Express's `trust proxy`): a
   * number of proxy hops, or a list of addresses, subnets and Express's names (`loopback`,
   * `linklocal`, `uniquelocal`); `false` for none. The client's address decides rate limits.
   */
  trustProxy: number | string[] | false;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR subnet (`10.0.0.0/8`, `fd00::/8`) or one of Express's names. */
function isProxyEntry(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  if (PROXY_NAMES.includes(entry)) return true;
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return (
    bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  );
}

const trustProxy = z
  .string()
  .default('loopback')
  .transform((value, ctx): AppConfig['trustProxy'] => {
    if (value === 'none') return false;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const wrong = entries.find((entry) => !isProxyEntry(entry));
    if (wrong !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be none, a number of proxy hops, or a comma-separated list of addresses, subnets (10.0.0.0/8), loopback, linklocal or uniquelocal',
      });
      return z.NEVER;
    }
    return entries;
  });

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
      TRUST_PROXY: trustProxy,
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
    trustProxy: vars.TRUST_PROXY,
  };
}

/** The `app` namespace: inject with `@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>`. */
export const appConfig = registerAs('app', (): AppConfig => loadAppConfig(process.env));
