#!/usr/bin/env node
// `npm start`: build (cached by Nx) and run the provider sandbox and the API, which serves the
// SPA, on the embedded defaults. Ctrl-C stops both cleanly, so PGlite flushes its data to DATA_DIR.
//
//   node tools/start.mjs [--no-build]
//
// Environment: PORT (API, 3000), SANDBOX_PORT (4500), DATA_DIR (./.data) and every variable of
// the README's configuration table, passed through to the API.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = !process.argv.includes('--no-build');
const apiPort = process.env.PORT || '3000';
const sandboxPort = process.env.SANDBOX_PORT || '4500';
const dataDir = process.env.DATA_DIR || join(root, '.data');
const children = new Set();
let stopping = false;

// `npm start | tee log` and a closed terminal must not kill us mid-shutdown: ignore EPIPE.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

function say(line) {
  process.stdout.write(`[launchpad] ${line}\n`);
}

function runBuild() {
  say('building the sandbox, the API and the web app (cached after the first time)...');
  const result = spawnSync(
    'npx',
    [
      'nx',
      'run-many',
      '-t',
      'build',
      '-p',
      'provider-sandbox',
      'api',
      'web',
      '--outputStyle=static',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: process.env.NX_DAEMON ?? 'false' },
    },
  );
  if (result.status !== 0) {
    say('the build failed; see above');
    process.exit(result.status ?? 1);
  }
}

/** Starts a built app, prefixing its output lines with its name. */
function startApp(name, main, env) {
  const child = spawn(process.execPath, [join(root, main)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    let pending = '';
    stream.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
    stream.on('end', () => pending && out.write(`[${name}] ${pending}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      say(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything`);
      void stop(1);
    }
  });
  return child;
}

async function waitForHealth(name, url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || !children.has(child)) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  say(`${name} did not answer ${url} within ${timeoutMs / 1000} s`);
  return false;
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  const exits = [...children].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children) child.kill('SIGTERM');
  const killer = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 10_000);
  await Promise.all(exits);
  clearTimeout(killer);
  process.exit(code);
}

process.on('SIGINT', () => {
  process.stdout.write('\n');
  say('stopping...');
  void stop(0);
});
process.on('SIGTERM', () => void stop(0));

if (build) runBuild();

const sandboxUrl = `http://localhost:${sandboxPort}`;
const sandbox = startApp('sandbox', 'dist/apps/provider-sandbox/main.js', {
  SANDBOX_PORT: sandboxPort,
  // Tokens and servers created in the sandbox survive a restart, like the API's data.
  SANDBOX_DATA_DIR: process.env.SANDBOX_DATA_DIR || join(dataDir, 'sandbox'),
});
if (!(await waitForHealth('sandbox', `http://127.0.0.1:${sandboxPort}/_sandbox/health`, sandbox)))
  await stop(1);

const api = startApp('api', 'dist/apps/api/main.js', {
  PORT: apiPort,
  DATA_DIR: dataDir,
  SANDBOX_URL: process.env.SANDBOX_URL || sandboxUrl,
});
if (!(await waitForHealth('api', `http://127.0.0.1:${apiPort}/api/health`, api))) await stop(1);

const url = process.env.PUBLIC_URL || `http://localhost:${apiPort}`;
say(`provider sandbox at ${sandboxUrl}, data in ${dataDir}`);
say(`Launchpad is running at ${url}  (Ctrl-C to stop)`);
