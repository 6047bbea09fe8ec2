import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';
import { type ProviderName, isProviderName } from '@launchpad/shared-api-types';

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
