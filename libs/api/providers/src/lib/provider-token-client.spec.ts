import type { ProviderName } from '@launchpad/api-config';
import { type SandboxProcess, signInAtSandbox, startSandbox } from '@launchpad/api-testing';
import { ProviderTokenClient, ProviderTokenError } from './provider-token-client';

describe('ProviderTokenClient against the provider sandbox', () => {
  let sandbox: SandboxProcess;
  let client: ProviderTokenClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    client = new ProviderTokenClient(sandbox.providers);
  });

  afterAll(() => sandbox?.stop());

  const apiCheck: Record<ProviderName, string> = {
    linode: '/v4/profile',
    digitalocean: '/v2/account',
  };
  const apiStatus = async (provider: ProviderName, token: string) =>
    (
      await fetch(`${sandbox.providers[provider].apiUrl}${apiCheck[provider]}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).status;

  it.each<ProviderName>(['linode', 'digitalocean'])(
    '%s: normalizes the token response, scopes space-separated',
    async (provider) => {
      const tokens = client.toTokens(
        provider,
        await signInAtSandbox(sandbox.providers[provider], provider),
      );
      expect(tokens.scopes.split(' ').sort()).toEqual(
        sandbox.providers[provider].scopes.split(/[ ,]/).sort(),
      );
      expect(tokens.expiresAt.getTime()).toBeGreaterThan(
        Date.now() + (provider === 'linode' ? 7100_000 : 2_500_000_000),
      );
      expect(tokens.refreshToken).toBeTruthy();
    },
  );

  it.each<ProviderName>(['linode', 'digitalocean'])(
    '%s: refresh rotates both tokens; the old refresh token is spent',
    async (provider) => {
      const first = client.toTokens(
        provider,
        await signInAtSandbox(sandbox.providers[provider], provider),
      );
      const second = await client.refresh(provider, first.refreshToken!);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(await apiStatus(provider, second.accessToken)).toBe(200);
      expect(await apiStatus(provider, first.accessToken)).toBe(401);
      const spent = await client.refresh(provider, first.refreshToken!).catch((e: unknown) => e);
      expect(spent).toBeInstanceOf(ProviderTokenError);
      expect((spent as ProviderTokenError).needsRelink).toBe(true);
    },
  );

  it.each<ProviderName>(['linode', 'digitalocean'])(
    '%s: revoke kills the token at the provider',
    async (provider) => {
      const tokens = client.toTokens(
        provider,
        await signInAtSandbox(sandbox.providers[provider], provider),
      );
      await client.revoke(provider, tokens.accessToken);
      expect(await apiStatus(provider, tokens.accessToken)).toBe(401);
      await expect(client.refresh(provider, tokens.refreshToken!)).rejects.toThrow(/invalid_grant/);
    },
  );

  it('reports an unreachable provider without a stack of HTML', async () => {
    const dead = new ProviderTokenClient({
      ...sandbox.providers,
      linode: { ...sandbox.providers.linode, oauthUrl: 'http://127.0.0.1:9/linode/login' },
    });
    const error = await dead.refresh('linode', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect((error as ProviderTokenError).error).toBe('unreachable');
  });

  it('reports a provider fault (502 HTML) as a token error with its status', async () => {
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'bad_gateway_html',
        path: '/linode/login/oauth/token',
        times: 1,
      }),
    });
    const error = await client.refresh('linode', 'x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, error: 'http_502' });
  });
});
