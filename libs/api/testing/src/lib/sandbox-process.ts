import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderEndpoints, ProviderName } from '@launchpad/api-config';
import { loadProvidersConfig } from '@launchpad/api-config';

const MAIN = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'dist',
  'apps',
  'provider-sandbox',
  'main.js',
);

export interface SandboxProcess {
  url: string;
  providers: Record<ProviderName, ProviderEndpoints>;
  stop(): Promise<void>;
}

/**
 * The real provider sandbox, built (the api test targets depend on its build), as its own process
 * on a free port: tests talk OAuth to it exactly as the API will.
 */
export async function startSandbox(): Promise<SandboxProcess> {
  if (!existsSync(MAIN))
    throw new Error(
      `build the sandbox first: npx nx run provider-sandbox:build (${MAIN} is missing)`,
    );
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'] ?? '', SANDBOX_PORT: '0', SANDBOX_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
  });
  return {
    url,
    providers: loadProvidersConfig({ SANDBOX_URL: url }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** Goes through the sandbox's consent page as a person would and returns the token response. */
export async function signInAtSandbox(
  endpoints: ProviderEndpoints,
  provider: ProviderName,
  keepScopes: (scope: string) => boolean = () => true,
): Promise<Record<string, unknown>> {
  const authorizePath = provider === 'linode' ? '/oauth/authorize' : '/authorize';
  const tokenPath = provider === 'linode' ? '/oauth/token' : '/token';
  const redirect = 'http://localhost:3000/api/auth/callback';
  const query = new URLSearchParams({
    client_id: endpoints.clientId,
    response_type: 'code',
    redirect_uri: redirect,
    scope: endpoints.scopes,
    state: 's',
  });
  const page = await (await fetch(`${endpoints.oauthUrl}${authorizePath}?${query}`)).text();
  const form = new URLSearchParams({
    client_id: endpoints.clientId,
    redirect_uri: redirect,
    state: 's',
    decision: 'approve',
    user: /name="user" value="([^"]+)"/.exec(page)?.[1] ?? '',
  });
  for (const [, scope] of page.matchAll(/name="scope" value="([^"]+)"/g))
    if (scope && keepScopes(scope)) form.append('scope', scope);
  const back = await fetch(`${endpoints.oauthUrl}${authorizePath}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const res = await fetch(`${endpoints.oauthUrl}${tokenPath}`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: endpoints.clientId,
      client_secret: endpoints.clientSecret,
      redirect_uri: redirect,
    }),
  });
  return (await res.json()) as Record<string, unknown>;
}
