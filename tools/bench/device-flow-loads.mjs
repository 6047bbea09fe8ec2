// The two loads of device-flow.bench.mjs, the same for every server it measures: device
// authorization requests, and polls of the token endpoint with device codes nobody approves.
// A server is `{ url, authPath, tokenPath, clientId }`.
import autocannon from 'autocannon';

export const RUNS = Number(process.env.BENCH_RUNS ?? 3);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const CONNECTIONS = 50;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export const form = (params) => new URLSearchParams(params).toString();
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** `count` fresh device codes of `server`, asked for one after the other. */
export async function deviceCodes(server, count) {
  const { url, authPath, clientId } = server;
  const codes = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}${authPath}`, {
      method: 'POST',
      headers: FORM,
      body: form({ client_id: clientId }),
    });
    if (res.status !== 200) throw new Error(`${url}${authPath}: ${res.status} ${await res.text()}`);
    codes.push((await res.json()).device_code);
  }
  return codes;
}

/**
 * `request` is one autocannon request; `expected(status, body)` says whether an answer is the
 * one this load is about. Any other answer (an error status, a wrong error code) stops the bench:
 * a fast wrong answer is not throughput.
 */
async function load(url, request, expected) {
  const results = [];
  let ok2xx = 0;
  for (let i = 0; i < RUNS; i++) {
    let unexpected;
    const r = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          ...request,
          onResponse: (status, body) => {
            if (!unexpected && !expected(status, body)) unexpected = `${status} ${body}`;
          },
        },
      ],
    });
    if (r.errors > 0 || r.timeouts > 0)
      throw new Error(`${url}: ${r.errors} errors, ${r.timeouts} timeouts`);
    if (unexpected) throw new Error(`${url}: unexpected answer ${unexpected}`);
    results.push({ rps: r.requests.average, p99: r.latency.p99 });
    ok2xx += r['2xx'];
  }
  const median = (key) => results.map((x) => x[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return { rps: median('rps'), p99: median('p99'), ok2xx };
}

const issued = (status, body) => status === 200 && JSON.parse(body).user_code !== undefined;
const stillWaiting = (status, body) =>
  status === 400 && ['authorization_pending', 'slow_down'].includes(JSON.parse(body).error);

/** Device authorization requests (RFC 8628 §3.1), each answered with a new device code. */
export function authorizationLoad({ url, authPath, clientId }) {
  return load(
    `${url}${authPath}`,
    { method: 'POST', headers: FORM, body: form({ client_id: clientId }) },
    issued,
  );
}

/** Token requests for `codes` in turn (RFC 8628 §3.4), each still waiting for its person. */
export function pollLoad({ url, tokenPath, clientId }, codes) {
  let next = 0;
  return load(
    `${url}${tokenPath}`,
    {
      method: 'POST',
      headers: FORM,
      setupRequest: (req) => ({
        ...req,
        body: form({
          grant_type: DEVICE_GRANT,
          device_code: codes[next++ % codes.length],
          client_id: clientId,
        }),
      }),
    },
    stillWaiting,
  );
}
