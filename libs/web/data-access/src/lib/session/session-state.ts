import type { SessionView } from '@launchpad/shared-api-types';

/** What the SPA knows of who is signed in. */
export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed_out' }
  | { kind: 'signed_in'; view: SessionView }
  | { kind: 'unreachable'; reason: string };
