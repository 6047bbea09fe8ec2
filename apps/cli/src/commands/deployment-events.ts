import { type DeploymentView, FINAL_DEPLOYMENT_STATUSES } from '@launchpad/shared-api-types';
import { createParser } from 'eventsource-parser';
import type { ApiSession } from '../auth/session';
import { Unreachable } from '../failures';

/** How long one stream may last; a deployment takes minutes. */
const STREAM_TIMEOUT_MS = 20 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows `GET /api/deployments/:id/events` (Server-Sent Events, parsed by eventsource-parser)
 * until the deployment is running or failed, calling `onChange` with each new view, and resolves
 * to the final view. When a stream ends early (the API restarting), reconnects as EventSource
 * would: after the `retry:` the API sent (2 s until then), resuming after the last version seen
 * (Last-Event-ID). A 204 (final, and seen) is answered by one read of the deployment.
 *
 * Throws `Unreachable` when the connection breaks mid-stream, and what `ApiSession.raw` throws.
 */
export async function followDeployment(
  session: ApiSession,
  start: DeploymentView,
  onChange: (view: DeploymentView) => void,
): Promise<DeploymentView> {
  let current = start;
  let retryMs = 2_000;
  const parser = createParser({
    onEvent: (event) => {
      if (event.event !== 'status') return;
      current = JSON.parse(event.data) as DeploymentView;
      onChange(current);
    },
    onRetry: (ms) => (retryMs = ms),
  });
  for (let attempt = 0; !FINAL_DEPLOYMENT_STATUSES.includes(current.status); attempt++) {
    if (attempt > 0) await sleep(retryMs);
    const res = await session.raw(
      'GET',
      `/api/deployments/${encodeURIComponent(current.id)}/events`,
      undefined,
      { Accept: 'text/event-stream', 'Last-Event-ID': String(current.version) },
      STREAM_TIMEOUT_MS,
    );
    if (res.status === 204 || !res.body) {
      return session.get<DeploymentView>(`/api/deployments/${encodeURIComponent(current.id)}`);
    }
    parser.reset();
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        parser.feed(decoder.decode(read.value, { stream: true }));
      }
    } catch (error) {
      // The deployment goes on at Launchpad; only this view of it ended.
      throw new Unreachable(
        session.server,
        error,
        `following deployment ${current.id} (it goes on: see launchpad servers)`,
      );
    }
  }
  return current;
}
