#!/usr/bin/env node
// Launchpad's device authorization server (on PostgreSQL) beside three peers, all on this
// machine in the same run with the same load (issue #11):
// - node-oidc-provider 9 (device flow on) storing in PostgreSQL through our adapter
//   (oidc-provider-postgres-adapter.mjs): the durable peer, the one Launchpad is held to;
// - the same provider in its default in-memory adapter, printed as a reference only;
// - a Nest + Express route that stores nothing (nest-ceiling.mjs): the framework's ceiling,
//   printed with Launchpad's ratio to it, no target.
// Targets, on both loads (device authorization, pending polls) at 50 concurrent clients:
// Launchpad's requests/s at least 1.2x the durable peer's, and Launchpad's p99 under 50 ms.
// autocannon, median of BENCH_RUNS runs of BENCH_SECONDS each. Pending polls cycle over 500
// fresh device codes per server, so each code is polled about as often as the load allows
// (Launchpad answers some with slow_down, node-oidc-provider has none: both are the "still
// waiting" answer of a poll).
//
// Needs the built API (npm run bench builds it) and PostgreSQL at 127.0.0.1:5432 (DATABASE_URL
// overrides the server; throwaway databases, one for Launchpad and one for the durable peer, are
// created and dropped).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  CONNECTIONS,
  FORM,
  RUNS,
  SECONDS,
  authorizationLoad,
  deviceCodes,
  form,
  pollLoad,
} from './device-flow-loads.mjs';
import { answers, freePort, root, startNode, stopAll } from './processes.mjs';

const CODES = 500;
const P99_TARGET_MS = 50;
const RATIO_TARGET = 1.2;
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True once a POST of `body` to `url` answers 2xx (the ceiling has no GET to ask). */
const acceptsPost = (url, body) => async () =>
  (await fetch(url, { method: 'POST', headers: FORM, body }).catch(() => undefined))?.ok === true;

/**
 * Every device code a server answered with is in its database: nothing acknowledged was lost.
 * (Requests still in flight when a run's time is up are stored but not counted: at most one per
 * connection per run.)
 */
async function checkStored(name, dbUrl, countSql, issuedCount) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const { rows } = await client.query(countSql);
  await client.end();
  const storedCount = rows[0].n;
  if (storedCount < issuedCount || storedCount > issuedCount + CONNECTIONS * RUNS) {
    throw new Error(`${name}: ${issuedCount} device codes issued, ${storedCount} stored`);
  }
  console.log(`${name}: device codes issued ${issuedCount}, stored ${storedCount}`);
}

/**
 * One load's table (the servers side by side, req/s and p99) and Launchpad's ratios; true when
 * Launchpad meets its targets on it. `results` are in the order of `servers`: Launchpad, in
 * memory, durable peer, ceiling.
 */
function report(load, servers, results) {
  const [us, , peer, ceiling] = results;
  const rows = [
    [load, ...servers.map((s) => s.title)],
    ['  req/s', ...results.map((r) => Math.round(r.rps))],
    ['  p99 ms', ...results.map((r) => r.p99)],
  ];
  console.log('');
  for (const [label, ...cells] of rows)
    console.log(`${label.padEnd(30)}${cells.map((c) => String(c).padStart(30)).join('')}`);
  const toPeer = us.rps / peer.rps;
  const fast = us.p99 < P99_TARGET_MS;
  const verdict = (met) => (met ? 'ok' : 'MISSED');
  console.log(
    `  Launchpad / durable peer: ${toPeer.toFixed(2)}x (target >= ${RATIO_TARGET}x) ${verdict(toPeer >= RATIO_TARGET)}`,
  );
  console.log(`  Launchpad / Nest ceiling: ${(us.rps / ceiling.rps).toFixed(2)}x`);
  console.log(`  Launchpad p99: ${us.p99} ms (target < ${P99_TARGET_MS} ms) ${verdict(fast)}`);
  return toPeer >= RATIO_TARGET && fast;
}

const databases = [];
const admin = new pg.Client({ connectionString: server });
await admin.connect();
/** A database created for this run (dropped at the end) and its URL. */
async function throwawayDatabase(name) {
  await admin.query(`create database ${name}`);
  databases.push(name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-device-'));
const processes = [];
try {
  const ourDb = await throwawayDatabase(`bench_device_${process.pid}`);
  const peerDb = await throwawayDatabase(`bench_device_${process.pid}_oidc`);
  const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
  const [ours, memory, durable, ceiling] = ports.map((port) => `http://127.0.0.1:${port}`);
  const launchpadRoutes = {
    authPath: '/oauth/device_authorization',
    tokenPath: '/oauth/token',
    clientId: 'launchpad-cli',
  };
  const providerRoutes = { authPath: '/device/auth', tokenPath: '/token', clientId: 'cli' };
  const servers = [
    { title: 'Launchpad (Nest, PostgreSQL)', url: ours, ...launchpadRoutes },
    { title: 'oidc-provider in memory', url: memory, ...providerRoutes },
    { title: 'oidc-provider + PostgreSQL', url: durable, ...providerRoutes },
    { title: 'Nest ceiling', url: ceiling, ...launchpadRoutes },
  ];
  const [launchpad, , peer, nest] = servers;

  processes.push(
    await startNode(
      [join(root, 'dist/apps/api/main.js')],
      {
        PORT: String(ports[0]),
        DATA_DIR: dataDir,
        DATABASE_URL: ourDb,
        LOG_LEVEL: 'warn',
        // One address sends thousands of requests a second: the rate limits would refuse them.
        RATE_LIMITS: 'off',
      },
      answers(`${ours}/api/health`),
    ),
  );
  const anchor = join(root, 'tools/bench/oidc-provider-anchor.mjs');
  processes.push(
    await startNode(
      [anchor, String(ports[1])],
      {},
      answers(`${memory}/.well-known/oauth-authorization-server`),
    ),
  );
  processes.push(
    await startNode(
      [anchor, String(ports[2])],
      { DATABASE_URL: peerDb },
      answers(`${durable}/.well-known/oauth-authorization-server`),
    ),
  );
  processes.push(
    await startNode(
      [join(root, 'tools/bench/nest-ceiling.mjs'), String(ports[3])],
      {},
      acceptsPost(`${ceiling}${nest.authPath}`, form({ client_id: nest.clientId })),
    ),
  );

  const authorization = [];
  for (const s of servers) authorization.push(await authorizationLoad(s));
  await checkStored(
    launchpad.title,
    ourDb,
    'select count(*)::int as n from device_codes',
    authorization[0].ok2xx,
  );
  await checkStored(
    peer.title,
    peerDb,
    `select count(*)::int as n from oidc_models where model = 'DeviceCode'`,
    authorization[2].ok2xx,
  );
  const polls = [];
  for (const s of servers) polls.push(await pollLoad(s, await deviceCodes(s, CODES)));

  console.log(
    `\ndevice flow, ${CONNECTIONS} connections, median of ${RUNS} x ${SECONDS} s (node-oidc-provider 9)`,
  );
  const ok = [
    report('device authorization', servers, authorization),
    report('pending poll (token endpoint)', servers, polls),
  ].every(Boolean);
  console.log(
    ok
      ? '\nLaunchpad meets the targets on both loads'
      : `\nBELOW TARGET (>= ${RATIO_TARGET}x the durable peer, p99 < ${P99_TARGET_MS} ms, both loads)`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await stopAll(processes);
  for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
