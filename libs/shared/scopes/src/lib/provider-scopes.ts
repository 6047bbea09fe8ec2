import {
  describeDigitalOceanScope,
  isDigitalOceanScope,
  missingDigitalOceanScopes,
  parseDigitalOceanScopes,
} from './digitalocean-scopes';
import {
  describeLinodeScope,
  formatLinodeScope,
  missingLinodeScopes,
  parseLinodeScopes,
} from './linode-scopes';

/** The providers whose scope strings this module reads. */
export type ScopeProvider = 'linode' | 'digitalocean';

/**
 * The scopes of `required` that `granted` does not cover, as the provider writes them
 * (e.g. `linodes:read_write`, `droplet:create`); empty when the grant covers everything.
 */
export function missingProviderScopes(
  provider: ScopeProvider,
  granted: string,
  required: string,
): string[] {
  if (provider === 'linode') {
    return missingLinodeScopes(
      parseLinodeScopes(granted).scopes,
      parseLinodeScopes(required).scopes,
    ).map(formatLinodeScope);
  }
  return missingDigitalOceanScopes(
    parseDigitalOceanScopes(granted).scopes,
    parseDigitalOceanScopes(required).scopes,
  );
}

/** One scope in words, for the people who grant it; an unknown scope is shown as it is. */
export function describeProviderScope(provider: ScopeProvider, scope: string): string {
  if (provider === 'linode') {
    const [parsed] = parseLinodeScopes(scope).scopes;
    return parsed ? describeLinodeScope(parsed) : scope;
  }
  return isDigitalOceanScope(scope) ? describeDigitalOceanScope(scope) : scope;
}
