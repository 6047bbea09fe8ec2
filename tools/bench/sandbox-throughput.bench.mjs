#!/usr/bin/env node
// The provider sandbox must serve its list endpoints at >= 2,000 requests/s on this machine, so it
// never bottlenecks Launchpad's own benchmarks (issue: provider sandbox). Anchor, measured in the
// same run: a bare node:http server answering the same bytes. Both run as separate processes; the
// load generator (autocannon, 50 connections) runs here. Median of 3 runs of 5 s each.
//
// Needs the built sandbox: `npx nx run provider-sandbox:build` (npm run bench does it first).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { json } from './processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TARGET = 2000;

function startProcess(args, env, readyPattern) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = readyPattern.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

async function measure(url, headers) {
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await autocannon({ url, connections: 50, duration: SECONDS, headers });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    results.push(result.requests.average);
  }
  return results.sort((a, b) => a - b)[Math.floor(results.length / 2)];
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-sandbox-'));
const sandbox = await startProcess(
  [join(root, 'dist/apps/provider-sandbox/main.js')],
  { SANDBOX_PORT: '0', SANDBOX_LOG: 'silent', SANDBOX_DATA_DIR: dataDir },
  /listening on (http:\/\/\S+)/,
);
let anchor;
try {
  // Tokens through the real OAuth flows would need a browser step; the control API's
  // clock makes the Linode create limit (10 per 30 s) quick to pass instead.
  const base = sandbox.url;
  const linodeToken = await oauthToken(base, 'linode');
  const doToken = await oauthToken(base, 'digitalocean');
  for (let i = 0; i < 100; i++) {
    if (i > 0 && i % 10 === 0)
      await json(`${base}/_sandbox/clock/advance`, {
        method: 'POST',
        body: JSON.stringify({ seconds: 31 }),
      });
    await json(`${base}/linode/api/v4/linode/instances`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${linodeToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'g6-nanode-1', region: 'us-east', label: `bench-${i}` }),
    });
  }
  for (let i = 0; i < 20; i++) {
    await json(`${base}/digitalocean/api/v2/droplets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${doToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: `bench-${i}`,
        region: 'nyc3',
        size: 's-1vcpu-1gb',
        image: 'ubuntu-24-04-x64',
      }),
    });
  }
  const linodeUrl = `${base}/linode/api/v4/linode/instances?page_size=100`;
  const doUrl = `${base}/digitalocean/api/v2/droplets?per_page=20`;
  const linodeBody = JSON.stringify(
    await json(linodeUrl, { headers: { Authorization: `Bearer ${linodeToken}` } }),
  );
  anchor = await startProcess(
    [
      '-e',
      `const b=${JSON.stringify(linodeBody)};require('node:http').createServer((q,s)=>{s.writeHead(200,{'Content-Type':'application/json','Content-Length':Buffer.byteLength(b)});s.end(b)}).listen(0,'127.0.0.1',function(){console.log('listening on http://127.0.0.1:'+this.address().port)})`,
    ],
    {},
    /listening on (http:\/\/\S+)/,
  );

  const rows = [
    ['bare node:http, same 100-instance body (anchor)', await measure(anchor.url, {})],
    [
      'GET /linode/api/v4/linode/instances (page of 100)',
      await measure(linodeUrl, { Authorization: `Bearer ${linodeToken}` }),
    ],
    [
      'GET /digitalocean/api/v2/droplets (page of 20)',
      await measure(doUrl, { Authorization: `Bearer ${doToken}` }),
    ],
  ];
  console.log(
    `\nprovider sandbox throughput: median of ${RUNS} x ${SECONDS} s, 50 connections (target >= ${TARGET} req/s)`,
  );
  for (const [name, rps] of rows)
    console.log(`${name.padEnd(56)} ${Math.round(rps).toString().padStart(7)} req/s`);
  const failing = rows.slice(1).filter(([, rps]) => rps < TARGET);
  console.log(
    failing.length === 0
      ? `sandbox endpoints meet the ${TARGET} req/s target`
      : `BELOW TARGET: ${failing.map(([n]) => n).join('; ')}`,
  );
  process.exitCode = failing.length === 0 ? 0 : 1;
} finally {
  // Wait for the exits: the sandbox writes its state on the way out.
  await Promise.all([sandbox.child, anchor?.child].filter(Boolean).map((child) => stop(child)));
  rmSync(dataDir, { recursive: true, force: true });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill();
  });
}

/** A token through the emulated authorization-code flow, exactly as Launchpad gets one. */
async function oauthToken(base, provider) {
  const { OAUTH } = await import('./sandbox-clients.mjs');
  const client = OAUTH[provider];
  const prefix = provider === 'linode' ? '/linode/login/oauth' : '/digitalocean/oauth';
  const redirect = 'http://localhost:3000/bench/callback';
  const scope = provider === 'linode' ? '*' : 'read write';
  const page = await (
    await fetch(
      `${base}${prefix}/authorize?${new URLSearchParams({ client_id: client.id, response_type: 'code', redirect_uri: redirect, scope })}`,
    )
  ).text();
  const user = /name="user" value="([^"]+)"/.exec(page)[1];
  const form = new URLSearchParams({
    client_id: client.id,
    redirect_uri: redirect,
    user,
    decision: 'approve',
  });
  for (const [, s] of page.matchAll(/name="scope" value="([^"]+)"/g)) form.append('scope', s);
  const back = await fetch(`${base}${prefix}/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const code = new URL(back.headers.get('location')).searchParams.get('code');
  const tokens = await json(`${base}${prefix}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: client.id,
      client_secret: client.secret,
      redirect_uri: redirect,
    }),
  });
  return tokens.access_token;
}
