import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserSession } from './support/browser-session';
import {
  type RunningApi,
  type RunningProcess,
  freePort,
  runBuilt,
  startApi,
  workspaceRoot,
} from './support/launchpad-process';
import { startSandbox } from './support/sandbox';

const CODE = /\b([BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4})\b/;

interface Terminal {
  child: ChildProcess;
  output(): string;
  exited: Promise<number>;
}

/** The built CLI in a pseudo-terminal (util-linux `script`), as a person would run it. */
function cli(args: string[], env: Record<string, string>): Terminal {
  const command = ['node', join(workspaceRoot, 'dist/apps/cli/main.js'), ...args]
    .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TERM: 'xterm',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code) => resolve(code ?? -1)),
  );
  return { child, output: () => out, exited };
}

async function waitFor(
  terminal: Terminal,
  pattern: RegExp,
  withinMs = 20_000,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(terminal.output());
    if (match) return match;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${pattern} in the CLI's output:\n${terminal.output()}`);
}

describe('the launchpad CLI against a running Launchpad', () => {
  let sandbox: RunningProcess & { url: string };
  let api: RunningApi;
  let dataDir: string;
  let configDir: string;
  let env: Record<string, string>;
  /** Every secret this run saw issued: none may reach the API's log. */
  const issued = new Set<string>();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'launchpad-cli-e2e-'));
    configDir = join(dataDir, 'config');
    sandbox = await startSandbox();
    const port = await freePort();
    api = await startApi({
      DATA_DIR: join(dataDir, 'data'),
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      SANDBOX_URL: sandbox.url,
      // The most the API ever writes, so that the log test below reads every line it can.
      LOG_LEVEL: 'debug',
    });
    env = { LAUNCHPAD_URL: api.url, LAUNCHPAD_CONFIG_DIR: configDir };
    await fetch(`${sandbox.url}/_sandbox/seed`, { method: 'POST' });
  });

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('logs in with a code approved in the browser, lists servers, says who, and logs out', async () => {
    const browser = new BrowserSession(api.url);
    await browser.signIn('linode', 'linode-ada');
    for (const cookie of browser.cookie().split('; ')) issued.add(cookie.split('=')[1] ?? '');
    issued.add(browser.csrfToken);

    const login = cli(['login'], env);
    const [, userCode = ''] = await waitFor(login, CODE);
    const output = login.output();
    expect(output).toContain(`/activate`);
    expect(output).toMatch(/[▀▄█]/); // the QR code of verification_uri_complete
    const approve = await browser.request('/api/device/activation', {
      method: 'POST',
      body: { user_code: userCode.toLowerCase(), decision: 'approve' },
    });
    expect(approve.status).toBe(200);
    expect(await login.exited).toBe(0);
    expect(login.output()).toContain('Logged in');

    const file = join(configDir, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, 'utf8'))[api.url];
    expect(stored.accessToken).toMatch(/^lpa_/);
    for (const value of Object.values(stored as Record<string, unknown>)) {
      if (typeof value === 'string' && value.length >= 16) issued.add(value);
    }

    const servers = cli(['servers'], env);
    expect(await servers.exited).toBe(0);
    expect(servers.output()).toMatch(/PROVIDER\s+ID\s+NAME\s+STATUS/);
    expect(servers.output()).toContain('ada-blog');

    const json = cli(['servers', '--json'], env);
    expect(await json.exited).toBe(0);
    expect(JSON.parse(json.output().trim()).servers.length).toBeGreaterThan(0);

    // Deploy with a progress bar fed by the events, then reboot and delete it.
    const deploy = cli(
      [
        'deploy',
        '--provider=linode',
        '--application=wordpress',
        '--plan=g6-nanode-1',
        '--region=us-east',
        '--image=linode/debian12',
        '--label=cli-blog',
        '--field=soa_email_address=ada@example.com',
      ],
      env,
    );
    expect(await deploy.exited).toBe(0);
    expect(deploy.output()).toMatch(/\[#{20}\] 100% running/);
    expect(deploy.output()).toMatch(/ssh root@\d+\.\d+\.\d+\.\d+/);
    const rootPassword = /root password \(shown only now[^)]*\): (\S{24})/.exec(deploy.output());
    expect(rootPassword).not.toBeNull();
    issued.add(rootPassword?.[1] ?? '');
    const listed = cli(['servers', '--json'], env);
    await listed.exited;
    const blog = (
      JSON.parse(listed.output().trim()) as { servers: { id: string; label: string }[] }
    ).servers.find((s) => s.label === 'cli-blog');
    expect(blog).toBeDefined();
    const reboot = cli(['reboot', 'linode', blog?.id ?? ''], env);
    expect(await reboot.exited).toBe(0);
    expect(reboot.output()).toContain('rebooting');
    // Without a terminal to ask at, delete refuses (64) unless --yes, and deletes nothing.
    const unasked = runBuilt('dist/apps/cli/main.js', env, ['delete', 'linode', blog?.id ?? '']);
    expect(await unasked.exited).toBe(64);
    expect(unasked.stderr()).toContain('add --yes to delete without asking');
    // At a terminal, it asks for the server's name.
    const remove = cli(['delete', 'linode', blog?.id ?? ''], env);
    await waitFor(remove, /Type the server's name, cli-blog, to delete it: /);
    remove.child.stdin?.write('cli-blog\r');
    expect(await remove.exited).toBe(0);
    expect(remove.output()).toContain('deleting');
    // The API's refusal, with its message, is exit code 1.
    const gone = cli(['reboot', 'linode', '999999999', '--json'], env);
    expect(await gone.exited).toBe(1);
    expect(gone.output()).toMatch(/^launchpad: .+ \(HTTP 404, request id \S+\)/m);

    // LAUNCHPAD_TOKEN stands in for the stored login (here none: an empty config directory).
    const scripted = {
      LAUNCHPAD_URL: api.url,
      LAUNCHPAD_CONFIG_DIR: join(dataDir, 'empty'),
      LAUNCHPAD_TOKEN: stored.accessToken,
    };
    const viaToken = runBuilt('dist/apps/cli/main.js', scripted, ['servers', '--json']);
    expect(await viaToken.exited).toBe(0);
    expect(viaToken.stdout()).toContain('ada-blog');

    // At a terminal, deploy asks for what the flags leave out (Enter takes the first choice).
    const prompted = cli(['deploy', '--provider=linode', '--application=plain'], env);
    for (const prompt of [/Plan \[1\]: /, /Region \[1\]: /, /Image \[1\]: /]) {
      await waitFor(prompted, prompt);
      prompted.child.stdin?.write('\r');
    }
    await waitFor(prompted, /Server name \[plain-1\]: /);
    prompted.child.stdin?.write('cli-prompted\r');
    expect(await prompted.exited).toBe(0);
    expect(prompted.output()).toContain('cli-prompted is running');

    const whoami = cli(['whoami'], env);
    expect(await whoami.exited).toBe(0);
    expect(whoami.output()).toContain('ada');

    const logout = cli(['logout'], env);
    expect(await logout.exited).toBe(0);
    expect(logout.output()).toContain('Logged out');
    const revoked = await fetch(`${api.url}/api/servers`, {
      headers: { Authorization: `Bearer ${stored.accessToken}` },
    });
    expect(revoked.status).toBe(401);

    const after = cli(['servers'], env);
    expect(await after.exited).toBe(4);
    expect(after.output()).toContain("run 'launchpad login'");
    const revokedToken = runBuilt('dist/apps/cli/main.js', scripted, ['servers']);
    expect(await revokedToken.exited).toBe(4);
    expect(revokedToken.stderr()).toContain('LAUNCHPAD_TOKEN is not accepted');
  }, 90_000);

  it('says clearly when the browser denies the login', async () => {
    const browser = new BrowserSession(api.url);
    await browser.signIn('linode', 'linode-ada');
    const login = cli(['login', '--no-qr'], env);
    const [, userCode = ''] = await waitFor(login, CODE);
    await browser.request('/api/device/activation', {
      method: 'POST',
      body: { user_code: userCode, decision: 'deny' },
    });
    expect(await login.exited).toBe(1);
    expect(login.output()).toContain('denied');
  }, 60_000);

  it('writes none of the tokens and secrets it issued to its log', async () => {
    const audit = (await (await fetch(`${sandbox.url}/_sandbox/grants`)).json()) as {
      grants: { accessToken: string; refreshToken: string | null }[];
    };
    expect(audit.grants.length).toBeGreaterThan(0);
    for (const grant of audit.grants) {
      issued.add(grant.accessToken);
      if (grant.refreshToken) issued.add(grant.refreshToken);
    }
    const generated = JSON.parse(
      await readFile(join(dataDir, 'data', 'secrets.json'), 'utf8'),
    ) as Record<string, unknown>;
    for (const value of Object.values(generated)) if (typeof value === 'string') issued.add(value);
    issued.delete('');
    // Provider tokens (each grant's two), the session cookie and CSRF token, the CLI's tokens,
    // a root password, and the API's generated secrets.
    expect(issued.size).toBeGreaterThan(8);
    const log = api.stdout();
    expect(log.split('\n').length).toBeGreaterThan(50);
    const leaked = [...issued].filter((secret) => log.includes(secret));
    expect(leaked.map((secret) => `${secret.slice(0, 4)}… (${secret.length} characters)`)).toEqual(
      [],
    );
  });
});
