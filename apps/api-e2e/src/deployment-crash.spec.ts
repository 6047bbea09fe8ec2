import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserSession } from './support/browser-session';
import {
  type RunningApi,
  type RunningProcess,
  freePort,
  startApi,
} from './support/launchpad-process';
import { startSandbox } from './support/sandbox';

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
    const started = await startSandbox();
    sandbox = started;
    sandboxUrl = started.url;
    apiPort = await freePort();
  });

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  let browser: BrowserSession;

  function deploy(label: string): Promise<Response> {
    return browser.request('/api/deployments', {
      method: 'POST',
      headers: { 'Idempotency-Key': label },
      body: {
        provider: 'linode',
        application: 'plain',
        plan: 'g6-nanode-1',
        region: 'eu-west',
        image: 'linode/debian12',
        label,
      },
    });
  }

  /** Polls the deployment (on whichever API now runs) until it is final. */
  async function finalStatus(id: string, withinMs: number): Promise<string> {
    let status = 'queued';
    const deadline = Date.now() + withinMs;
    while (!['running', 'failed'].includes(status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await browser.request(`/api/deployments/${id}`);
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
    browser = new BrowserSession(api.url);
    await browser.signIn('linode', 'linode-grace');
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
    const list = await (await browser.request('/api/deployments')).json();
    const stranded = (list as { id: string; label: string }[]).find(
      (d) => d.label === 'crash-in-flight',
    );
    expect(stranded).toBeDefined();
    // The creating request's lease (30 s) runs out, then a worker finds the server by its tag.
    expect(await finalStatus(stranded?.id ?? '', 75_000)).toBe('running');
  }, 120_000);
});
