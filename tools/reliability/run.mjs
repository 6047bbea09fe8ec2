#!/usr/bin/env node
// `npm run reliability` (issue #12, item 5): Launchpad under load, under faults and under hostile
// input, all on 127.0.0.1, in about five minutes. It starts its own PostgreSQL cluster and Redis
// (never the machine's shared ones), the provider sandbox, two API instances on them behind a
// loopback round-robin proxy (proxy.mjs), then:
//   1. load: 200 device-flow pollers at their interval and 50 signed-in dashboard users;
//   2. faults: the same traffic while the sandbox fails provider calls, PostgreSQL is restarted
//      and one API instance is SIGKILLed; then every record is checked (records.mjs);
//   3. hostile: a generated corpus against every documented operation and the OAuth endpoints;
// prints a Markdown table of the figures, writes it to docs/reliability.md, and exits 1 on any
// 5xx, lost record, off-origin redirect or error out of its documented shape.
//
// Needs the built API and sandbox (`npm run reliability` builds them first). Environment:
//   RELIABILITY_LOAD_SECONDS (60), RELIABILITY_FAULT_SECONDS (60), RELIABILITY_DRAIN_SECONDS (90),
//   RELIABILITY_POLLERS (200), RELIABILITY_USERS (50), RELIABILITY_SEED (12),
//   RELIABILITY_LOG_LEVEL (API LOG_LEVEL, warn),
//   RELIABILITY_REPORT (docs/reliability.md; `-`: none),
//   RELIABILITY_KEEP=1 keeps the work directory with the API instances' logs.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { json, root } from '../bench/processes.mjs';
import {
  API_MAIN,
  SANDBOX_MAIN,
  SERVES_SPA,
  apiEnvironment,
  scanLogs,
  startApi,
  startSandbox,
  stop,
} from './cluster.mjs';
import { providerRefreshes, runFaultTimeline } from './faults.mjs';
import { runHostile } from './hostile.mjs';
import { GRACE_MS, Recorder } from './metrics.mjs';
import { startPrivatePostgres } from './postgres.mjs';
import { startProxy } from './proxy.mjs';
import { seeded } from './random.mjs';
import { checkRecords, checkSessionsAfterHostile, drainDeployments } from './records.mjs';
import { startPrivateRedis } from './redis.mjs';
import { renderReport } from './report.mjs';
import { DocumentedShapes } from './shapes.mjs';
import { Workload } from './workload.mjs';

const number = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
  return value;
};
const settings = {
  loadSeconds: number('RELIABILITY_LOAD_SECONDS', 60),
  faultSeconds: number('RELIABILITY_FAULT_SECONDS', 60),
  drainSeconds: number('RELIABILITY_DRAIN_SECONDS', 90),
  pollers: number('RELIABILITY_POLLERS', 200),
  users: number('RELIABILITY_USERS', 50),
  seed: number('RELIABILITY_SEED', 12),
  logLevel: process.env.RELIABILITY_LOG_LEVEL ?? 'warn',
  reportPath: process.env.RELIABILITY_REPORT ?? join(root, 'docs', 'reliability.md'),
  keep: process.env.RELIABILITY_KEEP === '1',
  servesSpa: SERVES_SPA,
};

for (const main of [API_MAIN, SANDBOX_MAIN]) {
  if (!existsSync(main)) {
    console.error(`${main} is missing: build first (npm run reliability does).`);
    process.exit(1);
  }
}

const say = (line) => console.log(`[reliability] ${line}`);

/**
 * The report as the repository's Prettier writes Markdown (aligned tables), so that
 * `npm run format` leaves docs/reliability.md as the suite wrote it.
 */
async function prettyMarkdown(markdown) {
  const options = (await prettier.resolveConfig(settings.reportPath).catch(() => null)) ?? {};
  return prettier.format(markdown, { ...options, parser: 'markdown' });
}
const startedAt = Date.now();
const dir = mkdtempSync(join(tmpdir(), 'reliability-'));
/**
 * What to stop at the end, last registered first; each step takes the grace in ms a process
 * gets to finish (short when interrupted) and is safe to repeat.
 */
const cleanups = [];
let cleaned = false;
async function cleanUp(graceMs = 10_000) {
  if (cleaned) return;
  cleaned = true;
  for (const step of cleanups.reverse()) await step(graceMs).catch(() => undefined);
  if (settings.keep) say(`kept ${dir} (the API logs are there)`);
  else rmSync(dir, { recursive: true, force: true });
}
// A bug of the suite itself still stops what it started.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.once(event, (error) => {
    console.error(`[reliability] ${event}: ${error?.stack ?? error}`);
    void cleanUp(2_000).finally(() => process.exit(1));
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    say(`${signal}: stopping everything this run started`);
    void cleanUp(2_000).finally(() => process.exit(130));
  });
}

const recorder = new Recorder();
const random = seeded(settings.seed);
let exitCode = 1;
try {
  say(`private PostgreSQL, Redis and the provider sandbox (work directory ${dir})`);
  const postgres = await startPrivatePostgres();
  cleanups.push(async () => postgres.destroy());
  const redis = await startPrivateRedis();
  cleanups.push(() => redis.stop());
  const sandbox = await startSandbox(dir);
  cleanups.push((grace) => stop(sandbox, grace));
  // Provider tokens that fall due for refresh early in the fault phase (Linode refreshes 15
  // minutes ahead, DigitalOcean 3 days): refreshes race between the instances and the faults.
  const dueInS = settings.loadSeconds + 30;
  await json(`${sandbox.url}/_sandbox/settings`, {
    method: 'PATCH',
    body: JSON.stringify({
      linodeTokenLifetime: 15 * 60 + dueInS,
      digitalOceanTokenLifetime: 3 * 24 * 3600 + dueInS,
    }),
  });

  const proxy = await startProxy([]);
  const env = apiEnvironment({
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    publicUrl: proxy.url,
    sandboxUrl: sandbox.url,
    dir,
    logLevel: settings.logLevel,
  });
  const instances = [];
  for (const name of ['api-a', 'api-b']) {
    const api = await startApi(name, env, dir);
    instances.push(api);
    cleanups.push((grace) => stop(api, grace));
  }
  // Closed first: no request reaches an instance that is stopping.
  cleanups.push(() => proxy.close());
  proxy.setUpstreams(instances.map(({ name, port }) => ({ name, port })));
  say(`two API instances (${instances.map((i) => i.port).join(', ')}) behind ${proxy.url}`);

  const document = await json(`${proxy.url}/api/docs/openapi.json`);
  const shapes = new DocumentedShapes(document);
  const workload = new Workload({
    apiUrl: proxy.url,
    recorder,
    shapes,
    random,
    pollers: settings.pollers,
    users: settings.users,
  });
  await workload.prepare();
  say(`${workload.browsers.length} dashboard users signed in`);

  recorder.phase = 'load';
  say(
    `load: ${settings.pollers} pollers and ${settings.users} dashboard users for ${settings.loadSeconds} s`,
  );
  await workload.run({
    seconds: settings.loadSeconds,
    deploy: true,
    approvals: Math.round(settings.pollers / 4),
  });

  const redisKeys = await redis.keys();
  const tokenRequestsBefore = (await json(`${sandbox.url}/_sandbox/grants`)).tokenRequests;
  recorder.phase = 'faults';
  const faultsStartedAt = Date.now();
  say(
    `faults: the same traffic for ${settings.faultSeconds} s with sandbox faults, a PostgreSQL restart and a SIGKILL`,
  );
  const [, faultEvents] = await Promise.all([
    workload.run({ seconds: settings.faultSeconds, deploy: true, approvals: 10 }),
    runFaultTimeline({
      seconds: settings.faultSeconds,
      recorder,
      sandboxUrl: sandbox.url,
      postgres,
      victim: instances[0],
    }),
  ]);

  recorder.phase = 'recovery';
  say('recovery: waiting for every deployment to end, then checking every record');
  const drained = await drainDeployments(workload, settings.drainSeconds);
  const records = await checkRecords({ workload, recorder, drained });
  faultEvents.push(await providerRefreshes(sandbox.url, tokenRequestsBefore));
  const survivor = instances[1];
  const ready = await fetch(`${survivor.url}/api/health/ready`).catch(() => undefined);
  if (ready?.status !== 200) {
    recorder.fail(
      'recovery',
      'survivor not ready',
      `${survivor.name}: ${ready?.status ?? 'no answer'}`,
    );
  }
  const replacement = await startApi('api-a2', env, dir, instances[0].port);
  cleanups.push((grace) => stop(replacement, grace));
  instances.push(replacement);
  proxy.setUpstreams([survivor, replacement].map(({ name, port }) => ({ name, port })));
  faultEvents.push({
    fault: `${instances[0].name} replaced (as a service manager would), after the checks`,
    atS: Math.round((Date.now() - faultsStartedAt) / 1000),
    outcome: `${survivor.name} ready: ${ready?.status ?? 'no answer'}; ${replacement.name} ready`,
  });

  recorder.phase = 'hostile';
  say('hostile: the generated corpus against every documented operation');
  const hostile = await runHostile({
    document,
    shapes,
    recorder,
    instances: [survivor, replacement],
    proxyUrl: proxy.url,
    sandboxUrl: sandbox.url,
    seed: settings.seed,
    target: workload.targets.linode,
  });
  recorder.phase = 'after';
  const afterHostile = await checkSessionsAfterHostile(workload, recorder, hostile.victim);
  records.push(afterHostile);

  recorder.phase = 'logs';
  const logs = scanLogs(instances);
  // An error line while a fault the suite caused lasts is the API reporting it; any other fails.
  logs.duringFaults = 0;
  for (const { instance, line, time } of logs.errors) {
    const t = time ?? 0;
    if (['postgres', 'sandbox', 'kill'].some((kind) => recorder.overlaps(kind, t, t, GRACE_MS))) {
      logs.duringFaults++;
    } else {
      recorder.fail('logs', 'error logged', `${instance}: ${line}`);
    }
  }

  const durationS = Math.round((Date.now() - startedAt) / 1000);
  const report = await prettyMarkdown(
    renderReport({
      settings,
      recorder,
      faultEvents,
      records,
      hostile,
      logs,
      durationS,
      proxyStats: proxy.stats,
      redisKeys,
    }),
  );
  console.log(`\n${report}`);
  if (settings.reportPath !== '-') {
    writeFileSync(settings.reportPath, report);
    say(`written to ${settings.reportPath}`);
  }
  exitCode = recorder.failures.length === 0 ? 0 : 1;
  say(
    exitCode === 0
      ? `passed in ${durationS} s`
      : `FAILED in ${durationS} s: ${recorder.failures.length} failure(s), listed above`,
  );
} catch (error) {
  console.error(`[reliability] aborted: ${error?.stack ?? error}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
