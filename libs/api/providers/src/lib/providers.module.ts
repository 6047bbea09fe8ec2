import { Module } from '@nestjs/common';
import { ProviderClients } from './provider-clients';
import { ProviderTokenClient } from './provider-token-client';

/** The providers' REST clients and their OAuth token endpoints (refresh, revoke). */
@Module({
  providers: [ProviderClients, ProviderTokenClient],
  exports: [ProviderClients, ProviderTokenClient],
})
export class ProvidersModule {}
