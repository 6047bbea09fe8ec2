import { SandboxConfigError, loadSandboxConfig } from './config';
import { createSandboxServer } from './server';

async function main(): Promise<void> {
  const config = loadSandboxConfig();
  const sandbox = createSandboxServer(config);
  const { url } = await sandbox.listen();
  process.stdout.write(`Provider sandbox listening on ${url}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      sandbox.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof SandboxConfigError
      ? error.message
      : (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `SANDBOX_PORT: the port is already in use`
        : String((error as Error)?.stack ?? error);
  process.stderr.write(`Provider sandbox cannot start: ${message}\n`);
  process.exit(1);
});
