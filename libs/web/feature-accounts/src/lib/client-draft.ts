import { schema, validate } from '@angular/forms/signals';
import type { OAuthClientRegistration } from '@launchpad/shared-api-types';
import { LAUNCHPAD_SCOPES, type LaunchpadScope } from '@launchpad/shared-scopes';
import { hasControlCharacter } from '@launchpad/shared-validation';

export const CLIENT_TYPES = ['public', 'confidential'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];
export const SCOPE_NAMES = Object.keys(LAUNCHPAD_SCOPES) as LaunchpadScope[];

/** A registration as the admin fills it in: each Launchpad scope ticked or not. */
export interface ClientDraft {
  name: string;
  type: ClientType;
  scopes: Record<LaunchpadScope, boolean>;
}

export function newClientDraft(): ClientDraft {
  return {
    name: '',
    type: 'public',
    scopes: Object.fromEntries(SCOPE_NAMES.map((s) => [s, s === 'servers:read'])) as Record<
      LaunchpadScope,
      boolean
    >,
  };
}

/** What the API sends for a draft (`POST /api/admin/clients`). */
export function toRegistration(draft: ClientDraft): OAuthClientRegistration {
  return {
    name: draft.name.trim(),
    type: draft.type,
    allowedScopes: SCOPE_NAMES.filter((s) => draft.scopes[s]),
  };
}

/**
 * The rules the API applies to a registration (`registrationSchema` in api-oauth-server: a name
 * of 1 to 100 characters once trimmed, a known type, at least one Launchpad scope), checked here
 * so that each message shows beside its field before anything is sent.
 */
export const clientDraftSchema = schema<ClientDraft>((draft) => {
  validate(draft.name, ({ value }) => {
    const name = value().trim();
    if (name === '') return { kind: 'required', message: 'A name is required.' };
    if (name.length > 100) return { kind: 'maxLength', message: 'At most 100 characters.' };
    if (hasControlCharacter(value())) {
      return { kind: 'pattern', message: 'No control characters, please.' };
    }
    return undefined;
  });
  validate(draft.type, ({ value }) =>
    CLIENT_TYPES.includes(value())
      ? undefined
      : { kind: 'oneof', message: 'Choose public or confidential.' },
  );
  validate(draft.scopes, ({ value }) =>
    Object.values(value()).some(Boolean)
      ? undefined
      : { kind: 'required', message: 'Choose at least one scope.' },
  );
});
