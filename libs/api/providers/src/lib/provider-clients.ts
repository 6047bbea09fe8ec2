import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { providersConfig } from '@launchpad/api-config';
import { ProviderMetrics } from '@launchpad/api-metrics';
import { DigitalOceanClient } from './digitalocean-client';
import { LinodeClient } from './linode-client';
import { ProviderHttp } from './provider-http';

/**
 * One REST client per provider (Linode API v4, DigitalOcean API v2), at the API URLs of the
 * `providers` configuration: the real services or the sandbox, their requests counted in
 * ProviderMetrics (MetricsModule, global). Index it by ProviderName.
 */
@Injectable()
export class ProviderClients {
  readonly linode: LinodeClient;
  readonly digitalocean: DigitalOceanClient;

  constructor(
    @Inject(providersConfig.KEY) providers: ConfigType<typeof providersConfig>,
    metrics: ProviderMetrics,
  ) {
    this.linode = new LinodeClient(
      new ProviderHttp('linode', providers.linode.apiUrl, { metrics }),
    );
    this.digitalocean = new DigitalOceanClient(
      new ProviderHttp('digitalocean', providers.digitalocean.apiUrl, { metrics }),
    );
  }
}
