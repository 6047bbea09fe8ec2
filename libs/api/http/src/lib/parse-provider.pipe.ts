import { Injectable, NotFoundException, type PipeTransform, applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { PROVIDER_NAMES, type ProviderName, isProviderName } from '@launchpad/shared-api-types';
import { ApiErrors } from './api-errors.decorator';

/**
 * The `:provider` route parameter: `linode` or `digitalocean`. Anything else is a route that does
 * not exist, so it answers 404 `unknown_provider` in the API's error shape.
 */
@Injectable()
export class ParseProviderPipe implements PipeTransform<string, ProviderName> {
  transform(value: string): ProviderName {
    if (!isProviderName(value)) {
      throw new NotFoundException({
        error: 'unknown_provider',
        message: `Unknown provider "${value}": use linode or digitalocean.`,
      });
    }
    return value;
  }
}

/** Documents the `{provider}` path parameter ParseProviderPipe reads, and its 404. */
export const ApiProviderParam = () =>
  applyDecorators(
    ApiParam({ name: 'provider', enum: PROVIDER_NAMES, description: 'The cloud provider' }),
    ApiErrors({ 404: '`unknown_provider`: neither linode nor digitalocean' }),
  );
