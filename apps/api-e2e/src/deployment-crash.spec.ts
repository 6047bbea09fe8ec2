import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type RunningApi,
  type RunningProcess,
  freePort,
  runBuilt,
  startApi,
} from './support/launchpad-process';

/** The cookies a response sets, as `name=value` pairs for the next request. */
function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const cookie of res.headers.getSetCookie()) {
    const [pair = ''] = cookie.split(';');
    const index = pair.indexOf('=');
    jar.set(pair.slice(0, index), pair.slice(index + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

describe('a deployment survives the API being killed in the middle of it', () => {
  let dataDir: string;
  let sandbox: RunningProcess;
  let sandboxUrl: string;
  let api: RunningApi | undefined;
  let apiPort: number;

  const startLaunchpad = async () =>
    startApi({
      DATA_DIR: dataDir,
      PORT: String(apiPort),
      PUBLIC_URL: `http://localhost:${apiPort}`,
      SANDBOX_URL: sandboxUrl,
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'launchpad-crash-'));
    const sandboxPort = await freePort();
    sandbox = runBuilt('dist/apps/provider-sandbox/main.js', {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_LOG: 'silent',
    });
    sandboxUrl = `http://localhost:${sandboxPort}`;
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${sandboxUrl}/_sandbox/health`).catch(() => undefined))?.ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    apiPort = await freePort();
  });

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const jar = new Map<string, string>();
  let csrfToken = '';

  async function signIn(): Promise<void> {
    if (!api) throw new Error('no API');
    // Sign in with Linode as a browser would: start, consent at the sandbox, callback.
    const start = await fetch(`${api.url}/api/auth/linode`, { redirect: 'manual' });
    cookiesOf(start, jar);
    const authorize = new URL(start.headers.get('location') ?? '');
    const page = await (await fetch(authorize)).text();
    const form = new URLSearchParams();
    for (const [, name, value] of page.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      form.append(name ?? '', (value ?? '').replace(/&amp;/g, '&'));
    }
    form.append('user', 'linode-grace');
    form.append('scope', 'linodes:read_write');
    form.append('decision', 'approve');
    const back = await fetch(`${authorize.origin}${authorize.pathname}`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const callback = new URL(back.headers.get('location') ?? '');
    const signedIn = await fetch(`${api.url}${callback.pathname}${callback.search}`, {
      headers: { Cookie: cookieHeader(jar) },
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(303);
    cookiesOf(signedIn, jar);
    const session = await (
      await fetch(`${api.url}/api/session`, { headers: { Cookie: cookieHeader(jar) } })
    ).json();
    csrfToken = session.csrfToken;
  }

  function deploy(label: string): Promise<Response> {
    return fetch(`${api?.url}/api/deployments`, {
      method: 'POST',
      headers: {
        Cookie: cookieHeader(jar),
        'Content-Type': 'application/json',
        'X-CSRF-Token': csrfToken,
        'Idempotency-Key': label,
      },
      body: JSON.stringify({
        provider: 'linode',
        application: 'plain',
        plan: 'g6-nanode-1',
        region: 'eu-west',
        image: 'linode/debian12',
        label,
      }),
    });
  }

  /** Polls the deployment (on whichever API now runs) until it is final. */
  async function finalStatus(id: string, withinMs: number): Promise<string> {
    let status = 'queued';
    const deadline = Date.now() + withinMs;
    while (!['running', 'failed'].includes(status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await fetch(`${api?.url}/api/deployments/${id}`, {
        headers: { Cookie: cookieHeader(jar) },
      });
      status = (await res.json()).status;
    }
    return status;
  }

  async function killAndRestart(): Promise<void> {
    api?.child.kill('SIGKILL');
    expect(await api?.exited).toBe('SIGKILL');
    api = await startLaunchpad();
  }

  it('ends in running after a SIGKILL and a restart', async () => {
    api = await startLaunchpad();
    await signIn();
    const created = await deploy('crash-after-create');
    expect(created.status).toBe(201);
    const { deployment } = await created.json();
    expect(deployment.status).not.toBe('running');

    // No graceful shutdown: the process is gone mid-deployment.
    await killAndRestart();
    expect(await finalStatus(deployment.id, 45_000)).toBe('running');
  }, 90_000);

  it('adopts the server of a create request that was in flight when the API was killed', async () => {
    // Linode takes 2 s to answer the create: the API dies while waiting for it.
    await fetch(`${sandboxUrl}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'latency',
        path: '/linode/api/v4/linode/instances',
        method: 'POST',
        latencyMs: 2000,
        times: 1,
      }),
    });
    const inFlight = deploy('crash-in-flight').catch(() => undefined);
    await new Promise((r) => setTimeout(r, 700));
    await killAndRestart();
    expect(await inFlight).toBeUndefined();
    const list = await (
      await fetch(`${api?.url}/api/deployments`, { headers: { Cookie: cookieHeader(jar) } })
    ).json();
    const stranded = (list as { id: string; label: string }[]).find(
      (d) => d.label === 'crash-in-flight',
    );
    expect(stranded).toBeDefined();
    // The creating request's lease (30 s) runs out, then a worker finds the server by its tag.
    expect(await finalStatus(stranded?.id ?? '', 75_000)).toBe('running');
  }, 120_000);
});
