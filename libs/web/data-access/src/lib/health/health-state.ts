import type { HealthResponse } from '@launchpad/shared-api-types';

/** What the SPA knows of the API's health: still asking, an answer, or no usable answer. */
export type HealthState =
  | { kind: 'loading' }
  | { kind: 'ok'; health: HealthResponse }
  | { kind: 'degraded'; health: HealthResponse }
  | { kind: 'unreachable'; reason: string };
