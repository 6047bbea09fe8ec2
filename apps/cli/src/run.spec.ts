import type {
  DeploymentCreated,
  DeploymentView,
  HealthResponse,
  ServerView,
} from '@launchpad/shared-api-types';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'qrcode';
import { CredentialStore } from './auth/credentials';
import { COMMANDS } from './commands/registry';
import { Cancelled } from './failures';
import { EXIT, type CliIo } from './io';
import { run } from './run';
import {
  type FakeLaunchpad,
  type Route,
  apiError,
  fakeLaunchpad,
  json,
} from './testing/fake-launchpad';

type Captured = CliIo & { out: string; err: string };

function capture(env: Record<string, string> = {}, ask?: CliIo['ask']): Captured {
  const io: Captured = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    fetch: globalThis.fetch,
    env,
    ask,
  };
  return io;
}

const healthy: HealthResponse = {
  status: 'ok',
  database: { status: 'up', driver: 'pglite', latencyMs: 3 },
  version: '0.1.0',
  uptimeSeconds: 12,
};

const blog: ServerView = {
  provider: 'linode',
  accountId: 'acc-1',
  id: '42',
  label: 'ada-blog',
  status: 'running',
  providerStatus: 'running',
  ipv4: '203.0.113.7',
  ipv6: null,
  region: 'us-east',
  plan: 'g6-nanode-1',
  image: 'linode/debian12',
  createdAt: '2025-01-01T00:00:00Z',
  tags: [],
};

/** A Launchpad with one server, ada-blog (linode 42), that may be read, rebooted and deleted. */
const serverRoutes: Record<string, Route> = {
  'GET /api/servers': (_, res) => json(res, 200, { servers: [blog], problems: [] }),
  'GET /api/servers/linode/42': (_, res) => json(res, 200, blog),
  'DELETE /api/servers/linode/42': (_, res) =>
    json(res, 202, {
      provider: 'linode',
      id: '42',
      action: 'delete',
      message: 'ada-blog is deleting.',
    }),
};

const TOKEN = 'lpa_from_the_environment';

describe('launchpad CLI', () => {
  let fake: FakeLaunchpad | undefined;
  let configDir: string;

  beforeEach(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'launchpad-cli-'));
  });

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await rm(configDir, { recursive: true, force: true });
  });

  describe('help', () => {
    it('prints the global help for help, -h and no command: commands, environment, exit codes', async () => {
      for (const argv of [['help'], ['-h'], []]) {
        const io = capture();
        expect(await run(argv, io)).toBe(EXIT.ok);
        expect(io.out).toContain('Usage: launchpad <command>');
        for (const command of COMMANDS)
          expect(io.out).toMatch(new RegExp(`^  ${command.name} `, 'm'));
        expect(io.out).toContain('LAUNCHPAD_TOKEN');
        for (const code of [0, 1, 2, 4, 64]) expect(io.out).toMatch(new RegExp(`^  ${code} `, 'm'));
      }
    });

    it.each([[['deploy', '--help']], [['deploy', '-h']], [['help', 'deploy']]])(
      '%j prints the usage, options and examples of deploy only',
      async (argv) => {
        const io = capture();
        expect(await run(argv, io)).toBe(EXIT.ok);
        expect(io.out).toMatch(/^Usage: launchpad deploy --provider <provider>/m);
        expect(io.out).toContain('--field <name=value>');
        expect(io.out).toContain('--url <url>');
        expect(io.out).toMatch(/Examples:\n {2}launchpad deploy\n/);
        expect(io.out).not.toContain('Commands:');
      },
    );

    it('has a help of its own for every command, with --help taking precedence over the rest', async () => {
      for (const command of COMMANDS) {
        const io = capture();
        // No arguments, even where some are required: asking for help is never a usage error.
        expect(await run([command.name, '--help'], io)).toBe(EXIT.ok);
        expect(io.out).toContain(`Usage: launchpad ${command.name}`);
        expect(io.out).toContain('Exit codes: 0 success');
      }
    });

    it('prints its version', async () => {
      const io = capture();
      expect(await run(['--version'], io)).toBe(EXIT.ok);
      expect(io.out).toMatch(/^launchpad \S+\n$/);
    });
  });

  it.each([
    [['deploy-everything'], "launchpad: unknown command 'deploy-everything'", 'launchpad help'],
    [['help', 'nope'], "launchpad: unknown command 'nope'", 'launchpad help'],
    [['status', '--colour'], "launchpad: Unknown option '--colour'", 'launchpad status --help'],
    [['status', '--scope', 'x'], "launchpad: Unknown option '--scope'", 'launchpad status --help'],
    [['status', 'extra'], "launchpad: unexpected argument 'extra'", 'launchpad status --help'],
    [
      ['status', '--url', 'ftp://x'],
      "launchpad: --url must be an http(s) URL (got 'ftp://x')",
      'launchpad status --help',
    ],
    [['delete', 'linode'], 'launchpad: delete needs <id>', 'launchpad delete --help'],
    [
      ['reboot', 'aws', '1'],
      "launchpad: <provider> must be linode or digitalocean (got 'aws')",
      'launchpad reboot --help',
    ],
    [['completion'], 'launchpad: completion needs <shell>', 'launchpad completion --help'],
    [
      ['login', '--scope', 'servers:read servers:destroy'],
      "launchpad: --scope: unknown scope 'servers:destroy'; Launchpad's scopes are servers:read, servers:deploy, servers:manage, account:read",
      'launchpad login --help',
    ],
    [
      ['completion', 'fish'],
      "launchpad: <shell> must be bash or zsh (got 'fish')",
      'launchpad completion --help',
    ],
  ])(
    'refuses %j with one line, a pointer to the help, and exit code 64',
    async (argv, line, help) => {
      const io = capture();
      expect(await run(argv, io)).toBe(EXIT.usage);
      expect(io.err).toBe(`${line}\nRun '${help}' for usage.\n`);
    },
  );

  describe('exit codes by kind of failure', () => {
    it('exits 4 when not logged in, without calling the API', async () => {
      fake = await fakeLaunchpad(serverRoutes);
      const io = capture({ LAUNCHPAD_CONFIG_DIR: configDir });
      expect(await run(['servers', '--url', fake.url], io)).toBe(EXIT.notLoggedIn);
      expect(io.err).toBe(
        `launchpad: not logged in to ${fake.url}; run 'launchpad login' (or set LAUNCHPAD_TOKEN)\n`,
      );
      expect(fake.received).toEqual([]);
    });

    it('exits 4 and forgets the login when its refresh is refused', async () => {
      fake = await fakeLaunchpad({
        'GET /api/servers': (_, res) =>
          apiError(res, 401, 'invalid_token', 'The access token is unknown, expired or revoked.'),
        'POST /oauth/token': (_, res) =>
          json(res, 400, {
            error: 'invalid_grant',
            error_description: 'The refresh token was revoked.',
          }),
      });
      const store = new CredentialStore(configDir);
      await store.set(fake.url, {
        accessToken: 'lpa_stored',
        refreshToken: 'lpr_stored',
        expiresAt: Date.now() + 3_600_000,
        scope: 'servers:read',
      });
      const io = capture({ LAUNCHPAD_CONFIG_DIR: configDir, LAUNCHPAD_URL: fake.url });
      expect(await run(['servers'], io)).toBe(EXIT.notLoggedIn);
      expect(io.err).toBe(
        `launchpad: the login to ${fake.url} has expired; run 'launchpad login'\n`,
      );
      expect(await store.get(fake.url)).toBeUndefined();
    });

    it.each([
      [404, 'not_found', 'No server 9 in your Linode accounts.'],
      [
        403,
        'insufficient_scope',
        'This token was not granted servers:manage; log in on the device again asking for it.',
      ],
      [502, 'provider_unavailable', 'Linode did not answer; try again shortly.'],
    ])('exits 1 with the API’s message when it refuses with %i', async (status, error, message) => {
      fake = await fakeLaunchpad({
        'POST /api/servers/linode/9/reboot': (_, res) => apiError(res, status, error, message),
      });
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN });
      expect(await run(['reboot', 'linode', '9', '--url', fake.url], io)).toBe(EXIT.failure);
      expect(io.err).toBe(`launchpad: ${message} (HTTP ${status}, request id req-test)\n`);
    });

    it('exits 1 with the status when something other than Launchpad refuses (a proxy)', async () => {
      fake = await fakeLaunchpad({
        'GET /api/servers': (_, res) => {
          res.writeHead(502, { 'Content-Type': 'text/html', 'X-Request-Id': 'proxy-1' });
          res.end('<html>Bad Gateway</html>');
        },
      });
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN });
      expect(await run(['servers', '--url', fake.url], io)).toBe(EXIT.failure);
      expect(io.err).toBe(
        'launchpad: /api/servers answered HTTP 502 (HTTP 502, request id proxy-1)\n',
      );
    });

    it('exits 2 with one clear line when nothing listens', async () => {
      const closed = await fakeLaunchpad({});
      await closed.close();
      for (const argv of [['servers'], ['status'], ['reboot', 'linode', '42']]) {
        const io = capture({ LAUNCHPAD_TOKEN: TOKEN, LAUNCHPAD_URL: closed.url });
        expect(await run(argv, io)).toBe(EXIT.unreachable);
        expect(io.err).toBe(`launchpad: cannot reach Launchpad at ${closed.url}: ECONNREFUSED\n`);
      }
    });
  });

  describe('LAUNCHPAD_TOKEN', () => {
    it('is sent instead of the stored login, which is neither used nor refreshed', async () => {
      fake = await fakeLaunchpad(serverRoutes);
      await new CredentialStore(configDir).set(fake.url, {
        accessToken: 'lpa_stored',
        refreshToken: 'lpr_stored',
        expiresAt: 0, // expired: a stored login would be refreshed first
        scope: 'servers:read',
      });
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN, LAUNCHPAD_CONFIG_DIR: configDir });
      expect(await run(['servers', '--url', fake.url], io)).toBe(EXIT.ok);
      expect(io.out).toMatch(/^linode\s+42\s+ada-blog\s+running\s+203\.0\.113\.7/m);
      expect(fake.received.map((r) => [r.url, r.headers.authorization])).toEqual([
        ['/api/servers', `Bearer ${TOKEN}`],
      ]);
    });

    it('exits 4 naming the variable when the API does not accept it', async () => {
      fake = await fakeLaunchpad({
        'GET /api/session': (_, res) =>
          apiError(res, 401, 'invalid_token', 'The access token is unknown, expired or revoked.'),
      });
      const io = capture({ LAUNCHPAD_TOKEN: 'lpa_revoked', LAUNCHPAD_CONFIG_DIR: configDir });
      expect(await run(['whoami', '--url', fake.url], io)).toBe(EXIT.notLoggedIn);
      expect(io.err).toContain(`launchpad: LAUNCHPAD_TOKEN is not accepted by ${fake.url}`);
      expect(fake.received.map((r) => r.url)).toEqual(['/api/session']);
    });
  });

  describe('delete', () => {
    it('refuses with 64 and sends nothing when it cannot ask and --yes is missing', async () => {
      fake = await fakeLaunchpad(serverRoutes);
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN });
      expect(await run(['delete', 'linode', '42', '--url', fake.url], io)).toBe(EXIT.usage);
      expect(io.err).toBe(
        'launchpad: delete cannot ask for confirmation here (standard input is not a terminal); ' +
          "add --yes to delete without asking\nRun 'launchpad delete --help' for usage.\n",
      );
      expect(fake.received).toEqual([]);
    });

    it.each([['--yes'], ['-y']])('deletes without asking with %s', async (yes) => {
      fake = await fakeLaunchpad(serverRoutes);
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN });
      expect(await run(['delete', 'linode', '42', yes, '--url', fake.url], io)).toBe(EXIT.ok);
      expect(io.out).toBe('ada-blog is deleting.\n');
      expect(fake.received.map((r) => `${r.method} ${r.url}`)).toEqual([
        'DELETE /api/servers/linode/42',
      ]);
    });

    it('at a terminal, deletes once the server’s name is typed', async () => {
      fake = await fakeLaunchpad(serverRoutes);
      const questions: string[] = [];
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN }, async (question) => {
        questions.push(question);
        return 'ada-blog';
      });
      expect(await run(['delete', 'linode', '42', '--url', fake.url], io)).toBe(EXIT.ok);
      expect(io.err).toContain(
        'This deletes ada-blog (linode 42, 203.0.113.7, us-east, g6-nanode-1)',
      );
      expect(questions).toEqual(["Type the server's name, ada-blog, to delete it: "]);
      expect(fake.received.map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /api/servers/linode/42',
        'DELETE /api/servers/linode/42',
      ]);
    });

    it.each([
      [
        'another name',
        async (): Promise<string> => 'ada-blo',
        EXIT.failure,
        'Not deleted: the name did not match.\n',
      ],
      [
        'Ctrl-C',
        async (): Promise<string> => Promise.reject(new Cancelled()),
        EXIT.cancelled,
        'launchpad: cancelled\n',
      ],
    ])('at a terminal, deletes nothing on %s', async (_, ask, code, last) => {
      fake = await fakeLaunchpad(serverRoutes);
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN }, ask);
      expect(await run(['delete', 'linode', '42', '--url', fake.url], io)).toBe(code);
      expect(io.err.endsWith(last)).toBe(true);
      expect(fake.received.map((r) => r.method)).toEqual(['GET']);
    });
  });

  describe('deploy', () => {
    const view = (version: number, status: DeploymentView['status']): DeploymentView => ({
      id: 'dep-1',
      provider: 'linode',
      accountId: 'acc-1',
      application: 'wordpress',
      label: 'blog',
      plan: 'g6-nanode-1',
      region: 'us-east',
      image: 'linode/debian12',
      status,
      message: null,
      serverId: status === 'queued' ? null : '42',
      ipv4: status === 'running' ? '203.0.113.7' : null,
      ipv6: null,
      sshCommand: status === 'running' ? 'ssh root@203.0.113.7' : null,
      monthlyPrice: 5,
      access:
        status === 'running'
          ? [
              { label: 'Website', url: 'http://203.0.113.7/' },
              { label: 'SSH', url: 'ssh://root@203.0.113.7' },
            ]
          : [],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
      version,
    });
    const event = (v: DeploymentView) =>
      `id: ${v.version}\nevent: status\ndata: ${JSON.stringify(v)}\n\n`;
    const flags = [
      '--provider=linode',
      '--application=wordpress',
      '--plan=g6-nanode-1',
      '--region=us-east',
      '--image=linode/debian12',
      '--label=blog',
      '--field=soa_email_address=ada@example.com',
    ];

    it('follows the event stream to the end, reconnecting after the retry it was sent', async () => {
      fake = await fakeLaunchpad({
        'POST /api/deployments': (_, res) => {
          const created: DeploymentCreated = {
            deployment: view(1, 'queued'),
            rootPassword: 'correct-horse-battery-staple',
            replayed: false,
          };
          json(res, 201, created);
        },
        'GET /api/deployments/dep-1/events': (_, res, index) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          if (index === 0) {
            // The API restarting: the stream ends before the deployment is final.
            res.end(`id: 1\nretry: 5\n\n: keep-alive\n\n${event(view(2, 'provisioning'))}`);
            return;
          }
          // One event split mid-line across writes, as TCP may deliver it.
          const text = `${event(view(3, 'booting'))}${event(view(4, 'running'))}`;
          res.write(text.slice(0, 40));
          setTimeout(() => res.end(text.slice(40)), 10);
        },
      });
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN });
      expect(await run(['deploy', ...flags, '--url', fake.url], io)).toBe(EXIT.ok);
      const streams = fake.received.filter((r) => r.url.endsWith('/events'));
      expect(streams.map((r) => r.headers['last-event-id'])).toEqual(['1', '2']);
      expect(streams[0]?.headers.accept).toBe('text/event-stream');
      const post = fake.received.find((r) => r.method === 'POST');
      expect(post?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(post?.body ?? '{}')).toMatchObject({
        label: 'blog',
        fields: { soa_email_address: 'ada@example.com' },
      });
      for (const status of ['queued', 'provisioning', 'booting'])
        expect(io.err).toContain(`% ${status}`);
      expect(io.err).toMatch(/\[#{20}\] 100% running/);
      expect(io.out).toContain('blog is running at 203.0.113.7.\n  ssh root@203.0.113.7\n');
      expect(io.out).toContain('  Website: http://203.0.113.7/\n');
      expect(io.out).toContain('correct-horse-battery-staple');
    });

    it('exits 2 when the stream breaks off', async () => {
      fake = await fakeLaunchpad({
        'POST /api/deployments': (_, res) =>
          json(res, 201, { deployment: view(1, 'queued'), rootPassword: null, replayed: false }),
        'GET /api/deployments/dep-1/events': (_, res) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          res.write(event(view(2, 'provisioning')), () => res.socket?.destroy());
        },
      });
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN });
      expect(await run(['deploy', ...flags, '--url', fake.url], io)).toBe(EXIT.unreachable);
      expect(io.err).toContain('% provisioning');
      expect(io.err).toContain(
        `launchpad: lost the connection to Launchpad at ${fake.url} while following deployment dep-1 (it goes on: see launchpad servers): `,
      );
    });

    it('exits 1 with the API’s message and field problems when it refuses the deployment', async () => {
      fake = await fakeLaunchpad({
        'POST /api/deployments': (_, res) =>
          json(res, 400, {
            statusCode: 400,
            error: 'validation_failed',
            message: 'The deployment is not valid.',
            requestId: 'req-7',
            fields: [{ field: 'fields.soa_email_address', message: 'must be an email address' }],
          }),
      });
      const io = capture({ LAUNCHPAD_TOKEN: TOKEN });
      expect(await run(['deploy', ...flags, '--url', fake.url], io)).toBe(EXIT.failure);
      expect(io.err).toBe(
        'launchpad: The deployment is not valid.\n  fields.soa_email_address: must be an email address (HTTP 400, request id req-7)\n',
      );
    });
  });

  describe('login', () => {
    it('prints a QR code of the complete verification URL, drawn from the qrcode package', async () => {
      const complete = 'http://localhost:3000/activate?user_code=BCDF-GHJK';
      fake = await fakeLaunchpad({
        'POST /oauth/device_authorization': (_, res) =>
          json(res, 200, {
            device_code: 'dc',
            user_code: 'BCDF-GHJK',
            verification_uri: 'http://localhost:3000/activate',
            verification_uri_complete: complete,
            expires_in: 600,
            interval: 0,
          }),
        'POST /oauth/token': (_, res) =>
          json(res, 400, { error: 'access_denied', error_description: 'The user said no.' }),
      });
      const io = capture({ LAUNCHPAD_CONFIG_DIR: configDir });
      expect(await run(['login', '--url', fake.url], io)).toBe(EXIT.failure);
      expect(io.err).toContain('Login failed: The request was denied in the browser.');
      const qr = io.err.split(`or scan this to open ${complete}:\n`)[1]?.split('\n\n')[0] ?? '';
      // Back from half blocks to modules: light modules are drawn, a space is two dark ones.
      const rows = qr
        .split('\n')
        .flatMap((line) => [
          [...line].map((c) => c === ' ' || c === '▄'),
          [...line].map((c) => c === ' ' || c === '▀'),
        ]);
      const symbol = create(complete, { errorCorrectionLevel: 'L' }).modules;
      expect(rows[0]?.length).toBe(symbol.size + 4);
      for (let row = 0; row < symbol.size; row++) {
        for (let col = 0; col < symbol.size; col++) {
          expect([row, col, rows[row + 2]?.[col + 2]]).toEqual([
            row,
            col,
            symbol.get(row, col) === 1,
          ]);
        }
      }
      // The quiet zone is light all round.
      expect(rows[0]?.every((dark) => !dark)).toBe(true);
      expect(rows.map((r) => r[0]).every((dark) => !dark)).toBe(true);
    });
  });

  describe('completion', () => {
    it.each([['bash'], ['zsh']])('prints a %s script naming every command', async (shell) => {
      const io = capture();
      expect(await run(['completion', shell], io)).toBe(EXIT.ok);
      for (const command of COMMANDS) expect(io.out).toContain(command.name);
      expect(io.out).toContain(
        shell === 'bash' ? 'complete -F _launchpad launchpad' : '#compdef launchpad',
      );
    });

    it('completes commands, options and providers in a real bash', async () => {
      const io = capture();
      await run(['completion', 'bash'], io);
      const complete = (...words: string[]) =>
        execFileSync(
          'bash',
          [
            '-c',
            `${io.out}\nCOMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _launchpad; echo "\${COMPREPLY[*]}"`,
            'bash',
            ...words,
          ],
          { encoding: 'utf8' },
        ).trim();
      expect(complete('launchpad', 'de')).toBe('deploy delete');
      expect(complete('launchpad', 'delete', '')).toBe('linode digitalocean');
      expect(complete('launchpad', 'delete', 'linode', '42', '--y')).toBe('--yes');
      expect(complete('launchpad', 'deploy', '--provider', 'd')).toBe('digitalocean');
      expect(complete('launchpad', '--url', 'http://x', 'help', 'st')).toBe('status');
    });
  });

  describe('status', () => {
    it('shows a healthy Launchpad and exits 0', async () => {
      fake = await fakeLaunchpad({ 'GET /api/health': (_, res) => json(res, 200, healthy) });
      const io = capture();
      expect(await run(['status', '--url', `${fake.url}/`], io)).toBe(EXIT.ok);
      expect(io.out).toContain(`Launchpad  ${fake.url}\n`);
      expect(io.out).toContain('API        ok\n');
      expect(io.out).toContain('Database   up (pglite, 3 ms)\n');
    });

    it('exits 1 and says why when the database is down', async () => {
      fake = await fakeLaunchpad({
        'GET /api/health': (_, res) =>
          json(res, 503, {
            ...healthy,
            status: 'error',
            database: { status: 'down', driver: 'postgres', reason: 'no answer within 2000 ms' },
          }),
      });
      const io = capture({ LAUNCHPAD_URL: fake.url });
      expect(await run(['status'], io)).toBe(EXIT.failure);
      expect(io.out).toContain('Database   down (postgres: no answer within 2000 ms)');
    });

    it('prints the raw report with --json', async () => {
      fake = await fakeLaunchpad({ 'GET /api/health': (_, res) => json(res, 200, healthy) });
      const io = capture();
      expect(await run(['status', '--json', '--url', fake.url], io)).toBe(EXIT.ok);
      expect(JSON.parse(io.out)).toEqual(healthy);
    });

    it('exits 2 when the server is not Launchpad', async () => {
      fake = await fakeLaunchpad({
        'GET /api/health': (_, res) => {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end('<html>hello</html>');
        },
      });
      const io = capture();
      expect(await run(['status', '--url', fake.url], io)).toBe(EXIT.unreachable);
      expect(io.err).toBe(`${fake.url} did not answer like Launchpad (HTTP 200)\n`);
    });
  });
});
