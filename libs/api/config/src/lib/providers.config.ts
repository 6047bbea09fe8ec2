import { registerAs } from '@nestjs/config';
import { type ProviderName, SANDBOX_OAUTH_CLIENTS } from '@launchpad/shared-api-types';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { type Env, httpUrl, parseEnv } from './env';

export type { ProviderName };

export interface ProviderEndpoints {
  clientId: string;
  clientSecret: string;
  /** Linode: the login server (authorize, token, revoke); DigitalOcean: `…/v1/oauth`. */
  oauthUrl: string;
  apiUrl: string;
  /** Requested at sign-in; the grant is checked against them. */
  scopes: string;
  /** True when pointed at the built-in provider sandbox rather than the real service. */
  sandbox: boolean;
}

export type ProvidersConfig = Record<ProviderName, ProviderEndpoints>;

const REAL = {
  linode: { oauthUrl: 'https://login.linode.com', apiUrl: 'https://api.linode.com' },
  digitalocean: {
    oauthUrl: 'https://cloud.digitalocean.com/v1/oauth',
    apiUrl: 'https://api.digitalocean.com',
  },
} as const;

const SANDBOX_PATHS = {
  linode: { oauth: '/linode/login', api: '/linode/api' },
  digitalocean: { oauth: '/digitalocean/oauth', api: '/digitalocean/api' },
} as const;

/** Launchpad's needs (issue: sign-in): Linode `linodes:read_write`; DigitalOcean's granular set. */
export const DEFAULT_SCOPES: Record<ProviderName, string> = {
  linode: 'linodes:read_write',
  digitalocean:
    'account:read droplet:create droplet:read droplet:update droplet:delete regions:read sizes:read image:read actions:read',
};

/**
 * Where each provider is. With real client credentials the real services are the default;
 * without them, the provider sandbox (SANDBOX_URL) with its documented clients. Every URL can be
 * overridden, e.g. to run against a sandbox elsewhere.
 */
export function loadProvidersConfig(env: Env): ProvidersConfig {
  const url = (what: string) => httpUrl(what).optional();
  const vars = parseEnv(
    {
      SANDBOX_URL: httpUrl('the provider sandbox').default('http://localhost:4500'),
      LINODE_CLIENT_ID: z.string().min(1).optional(),
      LINODE_CLIENT_SECRET: z.string().min(1).optional(),
      LINODE_LOGIN_URL: url('Linode’s login server'),
      LINODE_API_URL: url('Linode’s API'),
      LINODE_SCOPES: z.string().min(1).optional(),
      DIGITALOCEAN_CLIENT_ID: z.string().min(1).optional(),
      DIGITALOCEAN_CLIENT_SECRET: z.string().min(1).optional(),
      DIGITALOCEAN_OAUTH_URL: url('DigitalOcean’s OAuth server'),
      DIGITALOCEAN_API_URL: url('DigitalOcean’s API'),
      DIGITALOCEAN_SCOPES: z.string().min(1).optional(),
    },
    env,
  );
  const provider = (
    name: ProviderName,
    prefix: 'LINODE' | 'DIGITALOCEAN',
    oauthOverride: string | undefined,
    apiOverride: string | undefined,
    scopes: string | undefined,
  ): ProviderEndpoints => {
    const id = vars[`${prefix}_CLIENT_ID`];
    const secret = vars[`${prefix}_CLIENT_SECRET`];
    if ((id === undefined) !== (secret === undefined)) {
      const missing = id === undefined ? `${prefix}_CLIENT_ID` : `${prefix}_CLIENT_SECRET`;
      throw new ConfigError(
        `${missing}: required together with ${missing.endsWith('ID') ? `${prefix}_CLIENT_SECRET` : `${prefix}_CLIENT_ID`}`,
      );
    }
    const real = id !== undefined && secret !== undefined;
    const client = real ? { clientId: id, clientSecret: secret } : SANDBOX_OAUTH_CLIENTS[name];
    return {
      ...client,
      oauthUrl:
        oauthOverride ??
        (real ? REAL[name].oauthUrl : `${vars.SANDBOX_URL}${SANDBOX_PATHS[name].oauth}`),
      apiUrl:
        apiOverride ?? (real ? REAL[name].apiUrl : `${vars.SANDBOX_URL}${SANDBOX_PATHS[name].api}`),
      scopes: scopes ?? DEFAULT_SCOPES[name],
      sandbox: !real,
    };
  };
  return {
    linode: provider(
      'linode',
      'LINODE',
      vars.LINODE_LOGIN_URL,
      vars.LINODE_API_URL,
      vars.LINODE_SCOPES,
    ),
    digitalocean: provider(
      'digitalocean',
      'DIGITALOCEAN',
      vars.DIGITALOCEAN_OAUTH_URL,
      vars.DIGITALOCEAN_API_URL,
      vars.DIGITALOCEAN_SCOPES,
    ),
  };
}

/** The `providers` namespace: where each provider's OAuth server and API are, and its client. */
export const providersConfig = registerAs(
  'providers',
  (): ProvidersConfig => loadProvidersConfig(process.env),
);
