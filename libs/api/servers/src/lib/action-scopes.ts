import { HttpException } from '@nestjs/common';
import {
  PROVIDER_LABELS,
  type LinkedAccountView,
  type ProviderName,
} from '@launchpad/shared-api-types';
import { describeProviderScope, missingProviderScopes } from '@launchpad/shared-scopes';

export type ProviderAction = 'list' | 'read' | 'create' | 'reboot' | 'delete' | 'catalog';

/**
 * The provider scopes each Launchpad action needs (linode.md §2.6, digitalocean.md §2.4).
 * Checked against the linked account's grant before the provider is called.
 */
export const ACTION_SCOPES: Record<ProviderAction, Record<ProviderName, string>> = {
  list: { linode: 'linodes:read_only', digitalocean: 'droplet:read' },
  read: { linode: 'linodes:read_only', digitalocean: 'droplet:read' },
  create: {
    linode: 'linodes:read_write',
    digitalocean: 'droplet:create droplet:read regions:read sizes:read image:read',
  },
  reboot: { linode: 'linodes:read_write', digitalocean: 'droplet:update' },
  delete: { linode: 'linodes:read_write', digitalocean: 'droplet:delete' },
  catalog: { linode: '', digitalocean: 'regions:read sizes:read image:read' },
};

/** The scopes of `action` that the account has not granted. */
export function missingActionScopes(
  account: LinkedAccountView,
  action: ProviderAction,
  extra = '',
): string[] {
  const required = `${ACTION_SCOPES[action][account.provider]} ${extra}`.trim();
  return required
    ? missingProviderScopes(account.provider, account.scopes.join(' '), required)
    : [];
}

/** 403 naming each missing scope in words, and how to grant it. */
export function insufficientScopeError(provider: ProviderName, missing: string[]): HttpException {
  const label = PROVIDER_LABELS[provider];
  const words = missing.map((s) => `“${describeProviderScope(provider, s)}” (${s})`).join(', ');
  return new HttpException(
    {
      error: 'insufficient_provider_scope',
      message: `Your ${label} account has not granted Launchpad ${words}. Sign in with ${label} again (Accounts page, or /api/auth/${provider}) and leave it ticked.`,
    },
    403,
  );
}
