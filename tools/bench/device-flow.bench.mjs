#!/usr/bin/env node
// Launchpad's device authorization server (on PostgreSQL) against node-oidc-provider 9 (device
// flow on, in-memory adapter), both on this machine in the same run (issue: device flow).
// Targets: device authorization requests/s and pending-poll requests/s at least the anchor's,
// and Launchpad's p99 latency under 50 ms, at 50 concurrent clients. autocannon, median of
// BENCH_RUNS runs of BENCH_SECONDS each. Pending polls cycle over 500 fresh device codes per
// server, so each code is polled about as often as the load allows (Launchpad answers some with
// slow_down, node-oidc-provider has none: both are the "still waiting" answer of a poll).
//
// Needs the built API (npm run bench builds it) and PostgreSQL at 127.0.0.1:5432 (DATABASE_URL
// overrides the server; a throwaway database is created and dropped).
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { answers, freePort, root, startNode, stopAll } from './processes.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;
const CODES = 500;
const P99_TARGET_MS = 50;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const form = (params) => new URLSearchParams(params).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function deviceCodes(url, path, clientId, count) {
  const codes = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: FORM,
      body: form({ client_id: clientId }),
    });
    if (res.status !== 200) throw new Error(`${url}${path}: ${res.status} ${await res.text()}`);
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

function authorizationLoad(url, path, clientId) {
  return load(
    `${url}${path}`,
    { method: 'POST', headers: FORM, body: form({ client_id: clientId }) },
    issued,
  );
}

function pollLoad(url, path, clientId, codes) {
  let next = 0;
  return load(
    `${url}${path}`,
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

const database = `bench_device_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database ${database}`);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-device-'));
const processes = [];
try {
  const dbUrl = new URL(server);
  dbUrl.pathname = `/${database}`;
  const [apiPort, anchorPort] = [await freePort(), await freePort()];
  const ours = `http://127.0.0.1:${apiPort}`;
  const anchor = `http://127.0.0.1:${anchorPort}`;
  processes.push(
    await startNode(
      [join(root, 'dist/apps/api/main.js')],
      {
        PORT: String(apiPort),
        DATA_DIR: dataDir,
        DATABASE_URL: dbUrl.toString(),
        LOG_LEVEL: 'warn',
      },
      answers(`${ours}/api/health`),
    ),
  );
  processes.push(
    await startNode(
      [join(root, 'tools/bench/oidc-provider-anchor.mjs'), String(anchorPort)],
      {},
      answers(`${anchor}/.well-known/oauth-authorization-server`),
    ),
  );

  const rows = [];
  rows.push([
    'device authorization',
    await authorizationLoad(ours, '/oauth/device_authorization', 'launchpad-cli'),
    await authorizationLoad(anchor, '/device/auth', 'cli'),
  ]);
  // Every device code Launchpad answered with is in the database: nothing acknowledged was lost.
  // (Requests still in flight when a run's time is up are stored but not counted: at most one
  // per connection per run.)
  const stored = new pg.Client({ connectionString: dbUrl.toString() });
  await stored.connect();
  const { rows: counted } = await stored.query('select count(*)::int as n from device_codes');
  await stored.end();
  const [issuedCount, storedCount] = [rows[0][1].ok2xx, counted[0].n];
  if (storedCount < issuedCount || storedCount > issuedCount + CONNECTIONS * RUNS) {
    throw new Error(`${issuedCount} device codes issued, ${storedCount} stored`);
  }
  console.log(`device codes issued: ${issuedCount}, stored: ${storedCount}`);
  const ourCodes = await deviceCodes(ours, '/oauth/device_authorization', 'launchpad-cli', CODES);
  const anchorCodes = await deviceCodes(anchor, '/device/auth', 'cli', CODES);
  rows.push([
    'pending poll (token endpoint)',
    await pollLoad(ours, '/oauth/token', 'launchpad-cli', ourCodes),
    await pollLoad(anchor, '/token', 'cli', anchorCodes),
  ]);

  console.log(
    `\ndevice flow, ${CONNECTIONS} connections, median of ${RUNS} x ${SECONDS} s (Launchpad on PostgreSQL; anchor: node-oidc-provider 9, in memory)`,
  );
  console.log(`${''.padEnd(32)} ${'Launchpad'.padStart(20)} ${'node-oidc-provider'.padStart(22)}`);
  let ok = true;
  for (const [name, us, them] of rows) {
    console.log(
      `${name.padEnd(32)} ${`${Math.round(us.rps)} req/s, p99 ${us.p99} ms`.padStart(20)} ${`${Math.round(them.rps)} req/s, p99 ${them.p99} ms`.padStart(22)}`,
    );
    ok &&= us.rps >= them.rps && us.p99 < P99_TARGET_MS;
  }
  console.log(
    ok
      ? `Launchpad meets the targets (throughput >= anchor, p99 < ${P99_TARGET_MS} ms)`
      : `BELOW TARGET (throughput >= anchor, p99 < ${P99_TARGET_MS} ms)`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await stopAll(processes);
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
