#!/usr/bin/env node
// GET /api/servers for a user with 1,000 Linodes and 1,000 droplets in the sandbox (issue:
// servers). Target: median latency within 1.5x the anchor, and API memory growth under 50 MB.
// Anchor, measured in the same run: the sandbox's own time to serve the slowest single
// provider's pages — every page, one after another as the providers document paging (Linode
// `page`, DigitalOcean `links.pages.next`), straight from the sandbox with the same token and
// parsed by the client. Printed beside it, for honesty, the tightest floor: the same pages all
// requested at once with their count known, and our ratio to that too.
// Linode and DigitalOcean are separate services, so each is served by its own sandbox process
// here (LINODE_*_URL and DIGITALOCEAN_*_URL point the API at them): one single-threaded
// process serving both would add the two providers' times and measure the sandbox, not us.
//
// Needs the built sandbox and API: `npm run bench` builds them first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answers, freePort, json, root, startNode, stopAll } from './processes.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const COUNT = 1000;
const RATIO_TARGET = 1.5;
const MEMORY_TARGET_MB = 50;

const ADA = 'linode-ada';
const SAMMY = 'b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

/** Resident memory of a process in MB (Linux). */
function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Signs in at the API as a browser would (start, sandbox consent, callback); keeps cookies. */
async function signIn(api, provider, user, jar) {
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const begin = await fetch(`${api}/api/auth/${provider}`, {
    redirect: 'manual',
    headers: { Cookie: cookie() },
  });
  keep(begin);
  const authorize = new URL(begin.headers.get('location'));
  const page = await (await fetch(authorize)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of page.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g))
    form.append(name, value.replace(/&amp;/g, '&'));
  for (const [, scope] of page.matchAll(/name="scope" value="([^"]+)"/g))
    form.append('scope', scope);
  form.append('user', user);
  form.append('decision', 'approve');
  const back = await fetch(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const callback = new URL(back.headers.get('location'));
  const done = await fetch(`${api}${callback.pathname}${callback.search}`, {
    redirect: 'manual',
    headers: { Cookie: cookie() },
  });
  if (done.status !== 303) throw new Error(`sign-in with ${provider} failed: ${done.status}`);
  keep(done);
  return cookie;
}

/** All `pages` pages of one provider: one after another, or (`atOnce`) all requested together. */
async function providerPages(url, token, pageParam, sizeParam, size, pages, atOnce) {
  const get = (page) =>
    json(`${url}?${pageParam}=${page}&${sizeParam}=${size}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  if (atOnce) {
    await Promise.all(Array.from({ length: pages }, (_, i) => get(i + 1)));
  } else {
    for (let page = 1; page <= pages; page++) await get(page);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-servers-'));
const [linodePort, doPort, apiPort] = [await freePort(), await freePort(), await freePort()];
const linodeSandbox = `http://localhost:${linodePort}`;
const doSandbox = `http://localhost:${doPort}`;
const apiUrl = `http://localhost:${apiPort}`;
const processes = [];
try {
  for (const [port, url] of [
    [linodePort, linodeSandbox],
    [doPort, doSandbox],
  ]) {
    processes.push(
      await startNode(
        [join(root, 'dist/apps/provider-sandbox/main.js')],
        { SANDBOX_PORT: String(port), SANDBOX_LOG: 'silent' },
        answers(`${url}/_sandbox/health`),
      ),
    );
    await json(`${url}/_sandbox/seed`, {
      method: 'POST',
      body: JSON.stringify({ count: COUNT, linodeOwner: ADA, dropletOwner: SAMMY }),
    });
  }
  const api = await startNode(
    [join(root, 'dist/apps/api/main.js')],
    {
      PORT: String(apiPort),
      PUBLIC_URL: apiUrl,
      DATA_DIR: join(dataDir, 'api'),
      LINODE_LOGIN_URL: `${linodeSandbox}/linode/login`,
      LINODE_API_URL: `${linodeSandbox}/linode/api`,
      DIGITALOCEAN_OAUTH_URL: `${doSandbox}/digitalocean/oauth`,
      DIGITALOCEAN_API_URL: `${doSandbox}/digitalocean/api`,
      LOG_LEVEL: 'warn',
    },
    answers(`${apiUrl}/api/health`),
  );
  processes.push(api);
  const jar = new Map();
  await signIn(apiUrl, 'linode', ADA, jar);
  const cookie = await signIn(apiUrl, 'digitalocean', SAMMY, jar);
  const tokenOf = async (sandbox, user) =>
    (await json(`${sandbox}/_sandbox/grants?user=${user}`)).grants.find(
      (g) => g.status === 'active',
    ).accessToken;
  const linodeToken = await tokenOf(linodeSandbox, ADA);
  const doToken = await tokenOf(doSandbox, SAMMY);

  const time = async (work) => {
    const t0 = performance.now();
    await work();
    return performance.now() - t0;
  };
  /** The slowest provider's time to serve all its pages (one after another, or all at once). */
  const anchorOnce = async (atOnce) =>
    Math.max(
      await time(() =>
        providerPages(
          `${linodeSandbox}/linode/api/v4/linode/instances`,
          linodeToken,
          'page',
          'page_size',
          500,
          Math.ceil(COUNT / 500),
          atOnce,
        ),
      ),
      await time(() =>
        providerPages(
          `${doSandbox}/digitalocean/api/v2/droplets`,
          doToken,
          'page',
          'per_page',
          200,
          Math.ceil(COUNT / 200),
          atOnce,
        ),
      ),
    );
  const oursOnce = async () => {
    const t0 = performance.now();
    const list = await json(`${apiUrl}/api/servers`, { headers: { Cookie: cookie() } });
    const ms = performance.now() - t0;
    if (list.servers.length < 2 * COUNT || list.problems.length > 0)
      throw new Error(
        `GET /api/servers: ${list.servers.length} servers, problems ${JSON.stringify(list.problems)}`,
      );
    return ms;
  };

  // Warm-up of every path (JIT, connection pools, the token vault), then the memory baseline.
  for (let i = 0; i < 3; i++) {
    await anchorOnce(false);
    await anchorOnce(true);
    await oursOnce();
  }
  const baseline = rssMb(api.child.pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(api.child.pid))), 20);
  const sequential = [];
  const atOnce = [];
  const ours = [];
  for (let i = 0; i < RUNS; i++) {
    sequential.push(await anchorOnce(false));
    atOnce.push(await anchorOnce(true));
    ours.push(await oursOnce());
  }
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(api.child.pid));

  const [a, floor, o] = [median(sequential), median(atOnce), median(ours)];
  const ratio = o / a;
  const growth = peak - baseline;
  const row = (label, value, unit) =>
    console.log(`${label.padEnd(72)} ${value.toFixed(unit === '' ? 2 : 1).padStart(8)} ${unit}`);
  console.log(`\nGET /api/servers, ${COUNT} Linodes + ${COUNT} droplets, median of ${RUNS} runs`);
  row('anchor: the slowest provider’s pages served by its sandbox, page after page', a, 'ms');
  row('  (floor: the same pages all requested at once, count known)', floor, 'ms');
  row('Launchpad: GET /api/servers (both providers, every page, merged, sorted)', o, 'ms');
  row(`ratio to the anchor (target <= ${RATIO_TARGET})`, ratio, '');
  row('  (ratio to the floor, for information)', o / floor, '');
  row(`API memory growth, peak RSS - baseline (target < ${MEMORY_TARGET_MB} MB)`, growth, 'MB');
  const ok = ratio <= RATIO_TARGET && growth < MEMORY_TARGET_MB;
  console.log(ok ? 'GET /api/servers meets its targets' : 'BELOW TARGET');
  process.exitCode = ok ? 0 : 1;
} finally {
  await stopAll(processes);
  rmSync(dataDir, { recursive: true, force: true });
}
