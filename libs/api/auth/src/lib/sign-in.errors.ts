import type { ProviderName, SignInFailureReason } from '@launchpad/shared-api-types';

/** A sign-in or link that ended without one: the SPA's failed page explains `reason`. */
export class SignInFailedError extends Error {
  override readonly name = 'SignInFailedError';

  constructor(
    readonly provider: ProviderName,
    readonly reason: SignInFailureReason,
  ) {
    super(`${provider} sign-in failed: ${reason}`);
  }
}

/** The person granted less than Launchpad asks for; `missing` names each scope left out. */
export class InsufficientScopesError extends Error {
  override readonly name = 'InsufficientScopesError';

  constructor(
    readonly provider: ProviderName,
    readonly missing: string[],
  ) {
    super(`${provider} sign-in granted too little: missing ${missing.join(' ')}`);
  }
}
