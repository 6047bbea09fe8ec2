// The run's figures as Markdown: printed, and written to docs/reliability.md.
import { cpus, hostname } from 'node:os';
import { GRACE_MS, KILL_WINDOW_MS, summarize } from './metrics.mjs';
import { PG_DOWN_MS } from './faults.mjs';

const ms = (value) =>
  Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : Math.round(value);
const counts = (map) =>
  Object.entries(map)
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${n} ${label}`)
    .join('; ') || '0';
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (header, rows) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');

/** The order of the rows: the device flow, the dashboard, then the corpus's categories. */
const ORDER = [
  'device authorization',
  'token poll',
  'activation',
  'device token use',
  'token refresh',
  'dashboard servers',
  'dashboard catalog',
  'dashboard deployments',
  'dashboard session',
  'dashboard accounts',
  'deploy',
  'deployment events',
  'baseline',
  'wrong types',
  'missing fields',
  'extra fields',
  'control characters',
  'invalid UTF-8',
  'huge bodies',
  'deep nesting',
  'oversized headers',
  'path traversal',
  'injection',
  'forged credentials',
  'duplicated parameters',
  'wrong content types',
  'open redirect',
  'malformed HTTP',
];
const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);

/** The rows of one phase: one per traffic, then the phase's total. */
function phaseRows(recorder, phase, seconds) {
  const samples = recorder.samples.filter((s) => s.phase === phase);
  const traffics = [...new Set(samples.map((s) => s.traffic))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const row = (label, list) => {
    const s = summarize(list);
    return [
      label,
      s.requests,
      seconds ? (s.requests / seconds).toFixed(1) : '–',
      ms(s.p50),
      ms(s.p99),
      counts(s.errors),
      counts(s.allowed),
      s.serverErrorCount === 0 ? '0' : counts(s.serverErrors),
    ];
  };
  return [
    ...traffics.map((t) =>
      row(
        `${phase}: ${t}`,
        samples.filter((s) => s.traffic === t),
      ),
    ),
    row(`**${phase}: all**`, samples),
  ];
}

/**
 * @param {{ settings: object, recorder: import('./metrics.mjs').Recorder, faultEvents: any[],
 *   records: import('./records.mjs').RecordCheck[], hostile: any, logs: any, durationS: number,
 *   proxyStats: object }} run
 */
export function renderReport({
  settings,
  recorder,
  faultEvents,
  records,
  hostile,
  logs,
  durationS,
  proxyStats,
  redisKeys,
}) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const passed = recorder.failures.length === 0;
  const lines = [];
  lines.push('# Reliability: load, faults and hostile input');
  lines.push('');
  lines.push(
    `Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} on \`${hostname()}\`: ${cpus().length} cores (${cpu}), Node ${process.version}; ` +
      `a private PostgreSQL and Redis, the provider sandbox and two API instances behind a ` +
      `round-robin proxy, all on 127.0.0.1${settings.servesSpa ? ', the API serving the built SPA' : ''}. The whole run took ${durationS} s. ` +
      `**${passed ? 'Passed' : `FAILED: ${recorder.failures.length} failure(s)`}.**`,
  );
  lines.push('');
  lines.push(
    'Run it with `npm run reliability` (builds the sandbox, the API and the web app, then runs ' +
      '`tools/reliability/run.mjs`). `RELIABILITY_LOAD_SECONDS` and `RELIABILITY_FAULT_SECONDS` ' +
      `(here ${settings.loadSeconds} and ${settings.faultSeconds}) shorten a quick try; ` +
      `\`RELIABILITY_SEED\` (here ${settings.seed}) picks the hostile corpus and the users' choices. ` +
      'Latency is reported, never asserted: this is a 2-core machine that also runs the clients.',
  );
  lines.push('');
  lines.push('## Traffic');
  lines.push('');
  lines.push(
    table(
      [
        'phase: traffic',
        'requests',
        'req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'allowed failures',
        '5xx',
      ],
      [
        ...phaseRows(recorder, 'load', settings.loadSeconds),
        ...phaseRows(recorder, 'faults', settings.faultSeconds),
        ...phaseRows(recorder, 'hostile', 0),
      ],
    ),
  );
  lines.push('');
  lines.push(
    `Load: ${settings.pollers} device-flow pollers (RFC 8628, polling at the \`interval\` the API gives, ` +
      `some approved at /activate and then using and refreshing their tokens) and ${settings.users} ` +
      'signed-in dashboard users (servers, catalog, deployments, session, accounts every 2–4 s; one ' +
      'deployment each per phase, followed over its event stream). Each simulated client has its ' +
      'own address in X-Forwarded-For (198.18.0.0/15, never connected to): the rate limits stay on ' +
      '(RATE_LIMITS=on, TRUST_PROXY=loopback) and count them as they would count people, in Redis ' +
      `(${redisKeys} keys there after the load phase). ` +
      `The proxy forwarded ${proxyStats.forwarded} requests, retried ${proxyStats.retried} on the ` +
      `other instance and lost ${proxyStats.lost}.`,
  );
  lines.push('');
  lines.push('## Faults');
  lines.push('');
  lines.push(
    table(
      ['fault', 'at s', 'outcome'],
      faultEvents.map((e) => [e.fault, e.atS, e.outcome]),
    ),
  );
  lines.push('');
  lines.push('## Records after the faults');
  lines.push('');
  lines.push(
    table(
      ['record', 'count', 'lost', 'note'],
      records.map((r) => [r.record, r.count, r.lost, r.note ?? '']),
    ),
  );
  lines.push('');
  lines.push('## Hostile input');
  lines.push('');
  lines.push(
    table(
      [
        'category',
        'requests',
        '2xx',
        '3xx',
        '4xx',
        '5xx',
        'off-origin redirects',
        'out of shape',
        'forged accepted',
        'no answer',
      ],
      [...hostile.categories]
        .sort((a, b) => rank(a.category) - rank(b.category))
        .map((c) => [
          c.category,
          c.requests,
          c.status2xx,
          c.status3xx,
          c.status4xx,
          c.status5xx,
          c.offOrigin,
          c.outOfShape,
          c.accepted,
          c.noAnswer,
        ]),
    ),
  );
  lines.push('');
  lines.push(hostile.summary);
  lines.push('');
  lines.push('## API logs');
  lines.push('');
  lines.push(
    `${logs.lines} lines from the API instances; ${logs.errors.length} at level error or above ` +
      `(${logs.duringFaults} of them while a fault the suite caused lasted); ` +
      `${logs.warnings} warnings${
        logs.warnings > 0
          ? `: ${Object.entries(logs.warningMessages)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 8)
              .map(([m, n]) => `${n}× “${m}”`)
              .join('; ')}`
          : ''
      }.`,
  );
  lines.push('');
  lines.push('## Rules');
  lines.push('');
  lines.push(
    [
      '- **5xx**: any status of 500 or more answered by an API instance fails the run, with two ' +
        `exceptions counted under *allowed failures*: a 503 in the documented shape while PostgreSQL is down (from its stop until it accepts connections again, plus ${GRACE_MS / 1000} s for the pools to reconnect; the suite keeps it down ${PG_DOWN_MS / 1000} s), ` +
        'and a documented 502/503 `provider_*` answer while sandbox faults are armed (the provider failed, and the API says so). A 500 is never allowed.',
      `- **The killed instance**: a request in flight on it when it was killed (the proxy's 502 marked \`upstream-lost\`, or a stream cut) and ending within ${KILL_WINDOW_MS / 1000} s of the kill is allowed; the client retries as a real one would (a deployment with the same Idempotency-Key). Connections refused by the dead instance never reach a client: the proxy sends them to the survivor, as any proxy would. Anything else the proxy had to answer fails the run.`,
      "- **Errors**: any answer the traffic does not expect fails the run: a 401 on a live session, a 429 where the documented limits leave room, a wrong shape, a transport failure (`authorization_pending` and `slow_down` are a pending poll's expected answers, RFC 8628 §3.5; a poll obeys `slow_down`).",
      '- **Lost records**: every session, pending device code, device token pair, deployment (final: running or failed, one server each) and linked provider account that existed before the faults is checked after them, as its client would use it.',
      "- **Hostile input**: zero 5xx; zero redirects off PUBLIC_URL's origin (a redirect to the provider's authorize page is Launchpad's sign-in, allowed only with Launchpad's own callback as redirect_uri); every error in its documented shape: the ApiErrorBody (statusCode, error, message, requestId = X-Request-Id) under /api and elsewhere, RFC 6749 §5.2 under /oauth/ (`{error, error_description}`, both printable ASCII without `\"` and `\\`, as §5.2 requires), or the schema the document gives that status (a health check's 503); no forged credential accepted where credentials are required (a tampered or random session cookie, a random, revoked or refresh token as bearer, a missing or wrong CSRF token, a wrong client secret, two client authentication methods); and an answer within 15 s (only a CONNECT may be closed unanswered: Node closes it).",
      `- **Logs**: any API log line at level error or above fails the run, unless it was written while a fault the suite caused lasted (PostgreSQL down plus ${GRACE_MS / 1000} s, sandbox faults armed, the kill): then it is the API reporting that fault.`,
    ].join('\n'),
  );
  if (recorder.failures.length > 0) {
    lines.push('');
    lines.push('## Failures');
    lines.push('');
    const grouped = new Map();
    for (const f of recorder.failures) {
      const key = `${f.phase} · ${f.traffic} · ${f.label}`;
      if (!grouped.has(key)) grouped.set(key, []);
      grouped.get(key).push(f.detail);
    }
    for (const [key, details] of grouped) {
      lines.push(
        `- **${key}** (${details.length}): ${details
          .slice(0, 3)
          .map((d) => `\`${d.slice(0, 600)}\``)
          .join('; ')}`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}
