import { createInterface } from 'node:readline/promises';
import { run } from './run';

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: globalThis.fetch,
  env: process.env,
  ask: process.stdin.isTTY
    ? async (question) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        try {
          return (await rl.question(question)).trim();
        } finally {
          rl.close();
        }
      }
    : undefined,
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
