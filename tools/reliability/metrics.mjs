// Every answer the suite got, with its verdict, and the windows in which a fault the suite caused
// excuses a precise kind of failure. The rules (printed in the report's notes):
// - `ok`: the answer this traffic expects (a pending poll's `authorization_pending` included);
// - `allowed`: a failure the suite caused and the API answered as documented:
//     * a 503 in the documented shape while the private PostgreSQL is down (from the stop until
//       it accepts connections again, plus GRACE_MS for the pools to reconnect);
//     * a request in flight on the instance the suite SIGKILLed (the proxy's 502 marked
//       `upstream-lost`, or a stream cut), ending within KILL_WINDOW_MS of the kill;
//     * a documented 502/503 `provider_*` answer while sandbox faults are armed;
// - `error`: any other unexpected answer (a 4xx the traffic should not get, a wrong shape, a
//   transport failure, a proxy 502 not caused by the kill); each fails the run;
// - `5xx`: any other status >= 500 from an API instance; each fails the run.

export const GRACE_MS = 3_000;
export const KILL_WINDOW_MS = 1_500;

/**
 * @typedef {{ kind: 'postgres' | 'kill' | 'sandbox', from: number, to?: number,
 *   instance?: string }} FaultWindow  times in Date.now() ms; `to` unset while it lasts
 * @typedef {{ verdict: 'ok' | 'allowed' | 'error' | '5xx', label?: string }} Verdict
 * @typedef {{ phase: string, traffic: string, ms: number, status: number, verdict: string,
 *   label?: string, at: number }} Sample
 */

export class Recorder {
  constructor() {
    /** @type {Sample[]} */
    this.samples = [];
    /** @type {FaultWindow[]} */
    this.windows = [];
    /** @type {{ phase: string, traffic: string, label: string, detail: string }[]} */
    this.failures = [];
    this.phase = 'setup';
  }

  /** Opens a fault window now; returns it, to be closed with `close(window)`. */
  open(kind, instance) {
    const window = { kind, from: Date.now(), instance };
    this.windows.push(window);
    return window;
  }

  close(window) {
    window.to = Date.now();
  }

  /**
   * Whether a request from `start` to `end` (ms) overlaps a window of `kind`, that window
   * extended by `afterMs` past its end.
   */
  overlaps(kind, start, end, afterMs = 0, instance) {
    return this.windows.some(
      (w) =>
        w.kind === kind &&
        (instance === undefined || w.instance === instance) &&
        end >= w.from &&
        start <= (w.to ?? Infinity) + afterMs,
    );
  }

  /**
   * The verdict on one answer of `traffic`, recorded with its latency.
   * @param {string} traffic                          e.g. `token poll`
   * @param {import('./http.mjs').Answer} answer
   * @param {(answer: import('./http.mjs').Answer, body: any) => boolean} expected
   * @param {{ shapes?: import('./shapes.mjs').DocumentedShapes, method?: string, path?: string,
   *   detail?: string }} context  to check an error's shape, and to describe a failure
   * @returns {Verdict}
   */
  record(traffic, answer, expected, context = {}) {
    const verdict = this.judge(answer, expected, context);
    const end = answer.at + answer.ms;
    this.samples.push({
      phase: this.phase,
      traffic,
      ms: answer.ms,
      status: answer.status,
      verdict: verdict.verdict,
      label: verdict.label,
      at: end,
    });
    if (verdict.verdict === 'error' || verdict.verdict === '5xx') {
      const body = answer.body.toString('utf8').slice(0, 300);
      this.failures.push({
        phase: this.phase,
        traffic,
        label: verdict.label ?? verdict.verdict,
        detail: `${context.method ?? 'GET'} ${context.path ?? ''} -> ${answer.status || answer.error} ${answer.headers['content-type'] ?? '(no content-type)'} ${body} (request id ${answer.headers['x-request-id'] ?? '-'}, instance ${answer.headers['x-reliability-upstream'] ?? '-'}, at ${new Date(end).toISOString()})${context.detail ? ` ${context.detail}` : ''}`,
      });
    }
    return verdict;
  }

  /** @returns {Verdict} */
  judge(answer, expected, { shapes, method = 'GET', path = '' }) {
    const end = answer.at + answer.ms;
    const killed = (instance) => this.overlaps('kill', answer.at, end, KILL_WINDOW_MS, instance);
    if (answer.status === 0) {
      if (killed()) return { verdict: 'allowed', label: 'cut by the instance kill' };
      return { verdict: 'error', label: `no answer (${answer.error})` };
    }
    const marker = answer.headers['x-reliability-proxy'];
    if (marker) {
      const instance = String(answer.headers['x-reliability-upstream']);
      if (marker === 'upstream-lost' && killed(instance)) {
        return { verdict: 'allowed', label: 'in flight on the killed instance' };
      }
      return { verdict: 'error', label: `proxy ${marker} (${instance})` };
    }
    let body;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      body = undefined;
    }
    if (expected(answer, body)) return { verdict: 'ok' };
    const code = typeof body?.error === 'string' ? body.error : '';
    const label = `${answer.status} ${code}`.trim();
    const shape = shapes?.checkError(method, path, answer);
    if (answer.status >= 500) {
      const inShape = shape?.ok !== false;
      if (answer.status === 503 && inShape && this.overlaps('postgres', answer.at, end, GRACE_MS)) {
        return { verdict: 'allowed', label: '503 while PostgreSQL was down' };
      }
      if (
        [502, 503].includes(answer.status) &&
        inShape &&
        shape?.documented &&
        /^provider_/.test(code) &&
        this.overlaps('sandbox', answer.at, end)
      ) {
        return { verdict: 'allowed', label: `${label} (sandbox fault relayed)` };
      }
      return { verdict: '5xx', label: shape?.ok === false ? `${label} (${shape.reason})` : label };
    }
    if (shape && !shape.ok) return { verdict: 'error', label: `${label}: ${shape.reason}` };
    return { verdict: 'error', label };
  }

  /**
   * An answer judged by the caller (the hostile phase has its own rules): recorded as a sample,
   * and as a failure unless `verdict` is ok.
   */
  add(traffic, answer, verdict, label, detail) {
    this.samples.push({
      phase: this.phase,
      traffic,
      ms: answer.ms,
      status: answer.status,
      verdict,
      label,
      at: answer.at + answer.ms,
    });
    if (verdict === 'error' || verdict === '5xx') {
      this.failures.push({ phase: this.phase, traffic, label, detail });
    }
  }

  /** A failure found otherwise than in an answer (a lost record, a log line). */
  fail(traffic, label, detail) {
    this.failures.push({ phase: this.phase, traffic, label, detail });
  }
}

/** The p-th percentile (0..100) of `values`, nearest rank; NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * The figures of a set of samples: count, p50 and p99 in ms, and counts by verdict with the
 * labels of what was not ok.
 */
export function summarize(samples) {
  const ms = samples.map((s) => s.ms);
  const by = (verdict) => samples.filter((s) => s.verdict === verdict);
  const labels = (list) => {
    const counts = {};
    for (const s of list) counts[s.label ?? s.verdict] = (counts[s.label ?? s.verdict] ?? 0) + 1;
    return counts;
  };
  return {
    requests: samples.length,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    ok: by('ok').length,
    allowed: labels(by('allowed')),
    errors: labels(by('error')),
    serverErrors: labels(by('5xx')),
    allowedCount: by('allowed').length,
    errorCount: by('error').length,
    serverErrorCount: by('5xx').length,
  };
}
