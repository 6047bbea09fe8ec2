import type { ProviderName } from '@launchpad/shared-api-types';
import request from 'supertest';

/** A browser-like client of the API: it keeps cookies, as supertest's agent does. */
export type Agent = ReturnType<typeof request.agent>;

/** GET /api/auth/:provider → the sandbox's authorize URL (and the state cookie in the agent). */
export async function start(agent: Agent, provider: ProviderName): Promise<URL> {
  const res = await agent.get(`/api/auth/${provider}`).expect(303);
  return new URL(res.headers['location'] as string);
}

/**
 * The person's decision at the sandbox consent page, made as the form would post it; returns
 * the callback path and query the sandbox redirects to.
 */
export async function consent(
  authorize: URL,
  options: {
    decision?: 'approve' | 'deny';
    keep?: (scope: string) => boolean;
    /** The demo user's position on the page (0: the first). */
    user?: number;
  } = {},
): Promise<string> {
  const page = await (await fetch(authorize)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of page.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    form.append(name ?? '', (value ?? '').replace(/&amp;/g, '&'));
  }
  const users = [...page.matchAll(/name="user" value="([^"]+)"/g)].map((m) => m[1] ?? '');
  form.append('user', users[options.user ?? 0] ?? '');
  for (const [, scope] of page.matchAll(/name="scope" value="([^"]+)"/g)) {
    if (scope && (options.keep ?? (() => true))(scope)) form.append('scope', scope);
  }
  form.append('decision', options.decision ?? 'approve');
  const back = await fetch(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = new URL(back.headers.get('location') ?? 'about:blank');
  if (location.origin !== 'http://localhost:3000') {
    throw new Error(`the sandbox did not redirect back to the API: ${back.status} ${location}`);
  }
  return `${location.pathname}${location.search}`;
}

/** Signs in (or links); returns where the API sent the browser, and the new session cookie. */
export async function signIn(
  agent: Agent,
  provider: ProviderName,
  user = 0,
): Promise<{ location: string; sessionCookie: string }> {
  const callback = await consent(await start(agent, provider), { user });
  const res = await agent.get(callback).expect(303);
  const setCookies = (res.headers['set-cookie'] ?? []) as unknown as string[];
  const sessionCookie = setCookies.find((c) => c.startsWith('launchpad_session=')) ?? '';
  return {
    location: res.headers['location'] as string,
    sessionCookie: sessionCookie.split(';')[0] ?? '',
  };
}
