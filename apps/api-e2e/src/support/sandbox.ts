import { type RunningProcess, freePort, runBuilt } from './launchpad-process';

/** The built provider sandbox on a free port, once it answers. */
export async function startSandbox(): Promise<RunningProcess & { url: string }> {
  const port = await freePort();
  const sandbox = runBuilt('dist/apps/provider-sandbox/main.js', {
    SANDBOX_PORT: String(port),
    SANDBOX_LOG: 'silent',
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${url}/_sandbox/health`).catch(() => undefined))?.ok)
      return { ...sandbox, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  await sandbox.stop();
  throw new Error(`the sandbox did not start:\n${sandbox.stderr()}`);
}
