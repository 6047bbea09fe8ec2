import type { ProvidersConfig } from '@launchpad/api-config';
import { DigitalOceanClient } from './digitalocean-client';
import { LinodeClient } from './linode-client';
import { ProviderHttp, type ProviderHttpOptions } from './provider-http';

/** One client per provider, as the rest of the API uses them. */
export interface ProviderClients {
  linode: LinodeClient;
  digitalocean: DigitalOceanClient;
}

export function createProviderClients(
  providers: ProvidersConfig,
  options: ProviderHttpOptions = {},
): ProviderClients {
  return {
    linode: new LinodeClient(new ProviderHttp('linode', providers.linode.apiUrl, options)),
    digitalocean: new DigitalOceanClient(
      new ProviderHttp('digitalocean', providers.digitalocean.apiUrl, options),
    ),
  };
}
