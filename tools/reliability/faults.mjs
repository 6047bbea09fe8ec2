// The faults of the fault phase, on a timeline over the phase's running workload:
// - at once: provider faults in the sandbox (POST /_sandbox/faults), each for a few requests,
//   on the paths the dashboard, the deployments and their workers use;
// - at 30 %: PostgreSQL stopped (fast shutdown: every connection is cut), down PG_DOWN_MS, started;
// - at 55 %: one API instance SIGKILLed (no graceful shutdown, requests and streams in flight).
// Each is a window in the recorder, which excuses exactly the failures it causes (metrics.mjs).
import { json } from '../bench/processes.mjs';
import { sleep } from './random.mjs';

export const PG_DOWN_MS = Number(process.env.RELIABILITY_PG_DOWN_MS ?? 3_000);

/**
 * The provider faults, in the sandbox's terms (apps/provider-sandbox/src/control/faults.ts).
 * Faults on one path and method are taken in this order, `times` requests each.
 */
export const SANDBOX_FAULTS = [
  // Reads behind GET /api/servers: a 500, a 429 with Retry-After, latency, a reset, an edge's
  // HTML pages (the list shows a problem for that provider and the other's servers).
  { type: 'error_500', path: '/linode/api/v4/linode/instances', method: 'GET', times: 6 },
  {
    type: 'rate_limit',
    path: '/digitalocean/api/v2/droplets',
    method: 'GET',
    times: 6,
    retryAfter: 3,
  },
  {
    type: 'latency',
    path: '/digitalocean/api/v2/droplets',
    method: 'GET',
    times: 4,
    latencyMs: 2_500,
  },
  { type: 'connection_reset', path: '/linode/api/v4/linode/instances', method: 'GET', times: 3 },
  { type: 'waf_403_html', path: '/linode/api/v4/linode/instances', method: 'GET', times: 2 },
  { type: 'bad_gateway_html', path: '/digitalocean/api/v2/droplets', method: 'GET', times: 2 },
  // Creates: slow, failing, reset and cut short (the create may or may not have happened).
  {
    type: 'latency',
    path: '/linode/api/v4/linode/instances',
    method: 'POST',
    times: 2,
    latencyMs: 3_000,
  },
  { type: 'error_500', path: '/linode/api/v4/linode/instances', method: 'POST', times: 2 },
  { type: 'connection_reset', path: '/digitalocean/api/v2/droplets', method: 'POST', times: 2 },
  { type: 'malformed_json', path: '/digitalocean/api/v2/droplets', method: 'POST', times: 1 },
  {
    type: 'rate_limit',
    path: '/linode/api/v4/linode/instances',
    method: 'POST',
    times: 1,
    retryAfter: 2,
  },
  // The workers' progress reads of one server.
  { type: 'malformed_json', path: '/linode/api/v4/linode/instances/', method: 'GET', times: 4 },
  { type: 'error_500', path: '/digitalocean/api/v2/droplets/', method: 'GET', times: 4 },
];

/**
 * @typedef {object} FaultEvent
 * @property {string} fault     what was done
 * @property {number} atS       seconds into the phase
 * @property {string} outcome   what the suite saw
 */

/**
 * Runs the fault timeline for a phase of `seconds`. Resolves with what happened, once the last
 * fault is over (the sandbox faults are cleared at the phase's end).
 * @param {{ seconds: number, recorder: import('./metrics.mjs').Recorder, sandboxUrl: string,
 *   postgres: import('./postgres.mjs').PrivatePostgres,
 *   victim: import('./cluster.mjs').Started, proxyUrl: string }} context
 * @returns {Promise<FaultEvent[]>}
 */
export async function runFaultTimeline({ seconds, recorder, sandboxUrl, postgres, victim }) {
  const started = Date.now();
  const atS = () => Math.round((Date.now() - started) / 100) / 10;
  /** @type {FaultEvent[]} */
  const events = [];

  const sandboxWindow = recorder.open('sandbox');
  for (const fault of SANDBOX_FAULTS) {
    await json(`${sandboxUrl}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(fault) });
  }
  events.push({
    fault: `sandbox faults armed: ${SANDBOX_FAULTS.length} (${SANDBOX_FAULTS.reduce((n, f) => n + f.times, 0)} requests)`,
    atS: 0,
    outcome: '',
  });

  // The sandbox window closes once every armed fault has been taken (checked each second).
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      await sleep(1_000);
      const { faults } = await json(`${sandboxUrl}/_sandbox/faults`);
      if (faults.length === 0 && sandboxWindow.to === undefined) recorder.close(sandboxWindow);
    }
  })();

  const postgresAt = started + seconds * 300;
  const killAt = started + seconds * 550;

  await sleep(postgresAt - Date.now());
  const pgWindow = recorder.open('postgres');
  const stopFrom = Date.now();
  await postgres.stop('fast');
  const stoppedAfter = Date.now() - stopFrom;
  await sleep(PG_DOWN_MS);
  await postgres.start();
  recorder.close(pgWindow);
  events.push({
    fault: 'PostgreSQL stopped (fast shutdown) and started again',
    atS: Math.round((pgWindow.from - started) / 100) / 10,
    outcome: `down ${((pgWindow.to - pgWindow.from) / 1000).toFixed(1)} s (stop took ${stoppedAfter} ms)`,
  });

  await sleep(killAt - Date.now());
  const killWindow = recorder.open('kill', victim.name);
  victim.child.kill('SIGKILL');
  const exit = await victim.exited;
  recorder.close(killWindow);
  events.push({
    fault: `API instance ${victim.name} killed (SIGKILL), not restarted during the phase`,
    atS: atS(),
    outcome: `exited with ${exit}`,
  });

  await sleep(started + seconds * 1_000 - Date.now());
  watching = false;
  await watcher;
  const { faults: left } = await json(`${sandboxUrl}/_sandbox/faults`);
  await json(`${sandboxUrl}/_sandbox/faults`, { method: 'DELETE' });
  if (sandboxWindow.to === undefined) recorder.close(sandboxWindow);
  const armed = SANDBOX_FAULTS.reduce((n, f) => n + f.times, 0);
  const unused = left.reduce((n, f) => n + (f.remaining ?? 0), 0);
  const windowS = ((sandboxWindow.to - sandboxWindow.from) / 1000).toFixed(1);
  events[0].outcome =
    unused === 0
      ? `all ${armed} faulted requests taken by the API, the last within ${windowS} s`
      : `${armed - unused} of ${armed} faulted requests taken by the API (not reached: ${left
          .map((f) => `${f.type} ${f.method} ${f.path} x${f.remaining}`)
          .join('; ')})`;
  return events;
}

/**
 * The provider token refreshes the API made during the phase, from the sandbox's count of token
 * endpoint calls (`provider grant_type outcome` → n) now and at the phase's start.
 * @returns {Promise<FaultEvent>}
 */
export async function providerRefreshes(sandboxUrl, before) {
  const after = (await json(`${sandboxUrl}/_sandbox/grants`)).tokenRequests;
  const refreshes = Object.entries(after)
    .filter(([key]) => key.includes('refresh_token'))
    .map(([key, n]) => [key, n - (before[key] ?? 0)])
    .filter(([, n]) => n > 0);
  return {
    fault: 'provider tokens fall due for refresh during the phase (sandbox lifetimes shortened)',
    atS: '–',
    outcome:
      refreshes.length > 0
        ? `refresh calls at the sandbox's token endpoints: ${refreshes.map(([k, n]) => `${k} ${n}`).join(', ')}`
        : 'no refresh happened',
  };
}
