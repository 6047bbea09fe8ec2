import { ConfigError } from './config-error';
import { loadProvidersConfig } from './providers.config';

describe('loadProvidersConfig', () => {
  it('points at the provider sandbox, with its documented clients, when no credentials are set', () => {
    const config = loadProvidersConfig({});
    expect(config.linode).toMatchObject({
      oauthUrl: 'http://localhost:4500/linode/login',
      apiUrl: 'http://localhost:4500/linode/api',
      scopes: 'linodes:read_write',
      sandbox: true,
    });
    expect(config.linode.clientId).toMatch(/^[0-9a-f]{20}$/);
    expect(config.digitalocean).toMatchObject({
      oauthUrl: 'http://localhost:4500/digitalocean/oauth',
      apiUrl: 'http://localhost:4500/digitalocean/api',
      sandbox: true,
    });
    expect(config.digitalocean.scopes.split(' ')).toContain('droplet:create');
  });

  it('follows SANDBOX_URL', () => {
    expect(loadProvidersConfig({ SANDBOX_URL: 'http://127.0.0.1:4510/' }).linode.apiUrl).toBe(
      'http://127.0.0.1:4510/linode/api',
    );
  });

  it('defaults to the real services with real credentials, and lets each URL be overridden', () => {
    const config = loadProvidersConfig({
      LINODE_CLIENT_ID: 'abc',
      LINODE_CLIENT_SECRET: 'def',
      DIGITALOCEAN_CLIENT_ID: 'ghi',
      DIGITALOCEAN_CLIENT_SECRET: 'jkl',
      DIGITALOCEAN_API_URL: 'https://do-proxy.example.com',
    });
    expect(config.linode).toMatchObject({
      clientId: 'abc',
      oauthUrl: 'https://login.linode.com',
      apiUrl: 'https://api.linode.com',
      sandbox: false,
    });
    expect(config.digitalocean).toMatchObject({
      oauthUrl: 'https://cloud.digitalocean.com/v1/oauth',
      apiUrl: 'https://do-proxy.example.com',
    });
  });

  it('refuses a client id without its secret, naming the missing one', () => {
    expect(() => loadProvidersConfig({ LINODE_CLIENT_ID: 'abc' })).toThrow(ConfigError);
    expect(() => loadProvidersConfig({ LINODE_CLIENT_ID: 'abc' })).toThrow(
      /^LINODE_CLIENT_SECRET: required together with LINODE_CLIENT_ID/,
    );
    expect(() => loadProvidersConfig({ DIGITALOCEAN_CLIENT_SECRET: 'x' })).toThrow(
      /^DIGITALOCEAN_CLIENT_ID: required together with DIGITALOCEAN_CLIENT_SECRET/,
    );
  });

  it('refuses a provider URL that is not http(s)', () => {
    expect(() => loadProvidersConfig({ LINODE_API_URL: 'ftp://x' })).toThrow(
      /^LINODE_API_URL: must be an http\(s\) URL/,
    );
  });
});
