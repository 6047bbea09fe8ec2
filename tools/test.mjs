#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest:
//   0. formatting (Prettier)
//   1. lint, type checks and unit tests of every project (Nx, cached)
//   2. api-e2e: the built API started as a real process
//   3. web-e2e: the built app in Debian's Chromium (skipped, in one line, where it is missing)
// Every step runs even when an earlier one fails, so one run shows every problem; the exit code
// is non-zero if any failed. The last line adds up the test runners' own summaries.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: process.env.NX_DAEMON ?? 'false',
  FORCE_COLOR: '0',
};

const steps = [
  ['formatting (Prettier)', ['format:check']],
  ['lint, type checks and unit tests', ['run-many', '-t', 'lint', 'typecheck', 'test']],
  ['API end-to-end tests', ['run', 'api-e2e:e2e']],
  ['browser end-to-end tests', ['run', 'web-e2e:e2e']],
];

/** Counts from Jest's "Tests: 1 failed, 2 skipped, 3 passed, 6 total" and Playwright's "3 passed". */
function count(output, totals) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  for (const line of plain.split('\n')) {
    const jest = /^\s*Tests:\s+(.*\d+ total)/.exec(line);
    const playwright = /^\s+(\d+) (passed|failed|flaky|skipped)( \(|$)/.exec(line);
    if (jest) {
      for (const [, n, kind] of jest[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
        totals[kind] = (totals[kind] ?? 0) + Number(n);
      }
    } else if (playwright) {
      const kind = playwright[2] === 'flaky' ? 'failed' : playwright[2];
      totals[kind] = (totals[kind] ?? 0) + Number(playwright[1]);
    }
  }
}

function run(args) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['nx', ...args, '--outputStyle=static'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const relay = (out) => (chunk) => {
      output += chunk;
      out.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const totals = {};
const results = [];
for (const [name, args] of steps) {
  process.stdout.write(`\n=== ${name}: nx ${args.join(' ')}\n`);
  const { code, output } = await run(args);
  count(output, totals);
  results.push([name, code]);
}

process.stdout.write('\n=== summary\n');
for (const [name, code] of results)
  process.stdout.write(`${code === 0 ? 'ok    ' : 'FAILED'} ${name}\n`);
const failedSteps = results.filter(([, code]) => code !== 0).length;
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
process.stdout.write(
  `tests: ${totals.passed ?? 0} passed, ${totals.failed ?? 0} failed${skipped}\n`,
);
process.exit(failedSteps === 0 ? 0 : 1);
