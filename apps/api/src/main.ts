import { Logger } from '@nestjs/common';
import { clientsCommand } from '@launchpad/api-oauth-server';
import { StartupError, loadLaunchpadConfig } from '@launchpad/api-config';
import { createLaunchpadApp } from '@launchpad/api-core';
import { AppModule } from './app.module';

// A reader of our logs that goes away (a closed pipe) must not stop a graceful shutdown.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

async function main(): Promise<void> {
  const config = await loadLaunchpadConfig();
  // `main.js clients …`: manage OAuth clients from a shell instead of serving.
  if (process.argv[2] === 'clients') {
    process.exitCode = await clientsCommand(process.argv.slice(3), config, (text) =>
      process.stdout.write(text),
    );
    return;
  }
  const app = await createLaunchpadApp(config, [AppModule]);
  try {
    await app.listen(config.app.port, config.app.host);
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`PORT: ${config.app.host}:${config.app.port} is already in use`);
    }
    throw error;
  }
  // Ctrl-C or a service manager: finish in-flight requests, close the database (PGlite flushes
  // to DATA_DIR), exit 0. Nest's own shutdown hooks would re-raise the signal instead.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  new Logger('Launchpad').log(
    `Launchpad API ${config.app.publicUrl} (database: ${config.database.driver}, secrets: ${config.secrets.source})`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    // One line that names the problem; a stack trace would only hide it.
    process.stderr.write(`Launchpad cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(
      `Launchpad crashed while starting: ${(error as Error)?.stack ?? String(error)}\n`,
    );
  }
  process.exit(1);
});
