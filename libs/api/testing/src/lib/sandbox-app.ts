import type { LaunchpadConfig } from '@launchpad/api-config';
import { type SandboxProcess, startSandbox } from './sandbox-process';
import { testConfig } from './test-config';
import { createTestDatabase } from './test-database';

/** An app under test, its providers the real sandbox, and how to stop all of it. */
export interface SandboxApp<App> {
  app: App;
  sandbox: SandboxProcess;
  /** Closes the app, then drops its test database and stops the sandbox. */
  stop(): Promise<void>;
}

/**
 * Starts the provider sandbox (its own process) and a throwaway test database, builds the app
 * with `build` on a test configuration pointing at both, and initializes it. What started is
 * stopped again when building fails.
 */
export async function startSandboxApp<
  App extends { init(): Promise<unknown>; close(): Promise<void> },
>(build: (config: LaunchpadConfig) => Promise<App>): Promise<SandboxApp<App>> {
  const sandbox = await startSandbox();
  const testDb = await createTestDatabase();
  const release = async () => {
    await testDb.dispose();
    await sandbox.stop();
  };
  try {
    const app = await build({
      ...testConfig(testDb.config),
      providers: structuredClone(sandbox.providers),
    });
    await app.init();
    return {
      app,
      sandbox,
      stop: async () => {
        await app.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
