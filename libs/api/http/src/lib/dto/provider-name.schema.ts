import { PROVIDER_NAMES, type ProviderName } from '@launchpad/shared-api-types';
import { z } from 'zod';
import { schemaOf } from '../schema-of';

/** `linode` or `digitalocean`, in request and response schemas alike. */
export const providerNameSchema = schemaOf<ProviderName>()(
  z.enum(PROVIDER_NAMES as [ProviderName, ...ProviderName[]]).meta({ id: 'ProviderName' }),
);
