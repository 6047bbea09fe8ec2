import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** RFC 8628 §3.5's answers to a device polling the token endpoint, and `issued` for its tokens. */
const POLL_ANSWERS = [
  'issued',
  'authorization_pending',
  'slow_down',
  'access_denied',
  'expired_token',
] as const;

/**
 * `launchpad_device_token_polls_total{answer}`: the token endpoint's answers to the device_code
 * grant (RFC 8628 §3.4), by `answer`: `issued` (the tokens), `authorization_pending`,
 * `slow_down`, `access_denied`, `expired_token` (RFC 8628 §3.5), or another error by its RFC
 * 6749 §5.2 code (`invalid_grant`, `invalid_request`; `server_error` when the server failed).
 * The five answers above start at 0, so that a rate over them exists before the first poll.
 */
@Injectable()
export class DeviceTokenPollMetrics {
  private readonly polls: Counter<'answer'>;

  constructor(registry: Registry) {
    this.polls = new Counter({
      name: 'launchpad_device_token_polls_total',
      help: 'Polls of the token endpoint with a device code (RFC 8628), by answer.',
      labelNames: ['answer'],
      registers: [registry],
    });
    for (const answer of POLL_ANSWERS) this.polls.inc({ answer }, 0);
  }

  /** Counts one poll answered `answer` (an OAuth error code, or `issued`). */
  count(answer: string): void {
    this.polls.inc({ answer });
  }
}
