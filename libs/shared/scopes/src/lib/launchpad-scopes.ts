import { isScopeToken, joinScopeTokens, splitScopeTokens } from './scope-string';

/**
 * Scopes of Launchpad's own API, granted to devices through the device flow (RFC 8628).
 * Descriptions are what consent screens (the SPA's /activate page, the CLI) show a person.
 */
export const LAUNCHPAD_SCOPES = {
  'servers:read': 'See your servers and their status across your linked accounts',
  'servers:deploy': 'Create new servers in your linked Linode and DigitalOcean accounts',
  'servers:manage': 'Reboot and delete your servers',
  'account:read': 'See your Launchpad profile and which provider accounts are linked',
} as const;

export type LaunchpadScope = keyof typeof LAUNCHPAD_SCOPES;

export function isLaunchpadScope(token: string): token is LaunchpadScope {
  return Object.prototype.hasOwnProperty.call(LAUNCHPAD_SCOPES, token);
}

export interface ParsedLaunchpadScopes {
  scopes: LaunchpadScope[];
  /** Tokens that are well-formed but not Launchpad scopes, or malformed: reported as invalid_scope. */
  unknown: string[];
}

export function parseLaunchpadScopes(value: string): ParsedLaunchpadScopes {
  const scopes: LaunchpadScope[] = [];
  const unknown: string[] = [];
  for (const token of splitScopeTokens(value)) {
    if (isScopeToken(token) && isLaunchpadScope(token)) scopes.push(token);
    else unknown.push(token);
  }
  return { scopes, unknown };
}

export function serializeLaunchpadScopes(scopes: Iterable<LaunchpadScope>): string {
  return joinScopeTokens(scopes);
}

export function describeLaunchpadScope(scope: LaunchpadScope): string {
  return LAUNCHPAD_SCOPES[scope];
}
