import type { SandboxConfig } from '../config';
import { DEMO_USERS } from '../seed/demo-accounts';
import type { Provider } from '../state/sandbox-state';
import { type SandboxServer, createSandboxServer } from '../server';

export interface TestSandbox {
  sandbox: SandboxServer;
  origin: string;
  /** An access token of the first demo user of the provider (or of `userId`), with these scopes. */
  token(provider: Provider, scopes: string[], userId?: string): string;
}

/** A real sandbox on a free port, quiet, in memory unless a data directory is given. */
export async function startTestSandbox(config: Partial<SandboxConfig> = {}): Promise<TestSandbox> {
  const sandbox = createSandboxServer({ host: '127.0.0.1', port: 0, log: 'silent', ...config });
  const { url } = await sandbox.listen();
  return {
    sandbox,
    origin: url,
    token: (provider, scopes, userId) => {
      const user = userId ?? DEMO_USERS.find((u) => u.provider === provider)?.id;
      if (!user) throw new Error(`no demo user for ${provider}`);
      return sandbox.tokens.issue({ provider, clientId: 'test-client', userId: user, scopes })
        .accessToken;
    },
  };
}
