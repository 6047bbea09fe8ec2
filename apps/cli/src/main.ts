import { run } from './run';
import { askAtTerminal } from './terminal';

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: globalThis.fetch,
  env: process.env,
  ask: process.stdin.isTTY ? askAtTerminal : undefined,
}).then(
  (code) => {
    process.exitCode = code;
    // A question asked at the terminal leaves stdin open, which would keep the process alive.
    if (process.stdin.isTTY) process.stdin.destroy();
  },
  (error: unknown) => {
    process.stderr.write(
      `launchpad: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
