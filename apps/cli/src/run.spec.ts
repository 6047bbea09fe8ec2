import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthResponse } from '@launchpad/shared-api-types';
import { EXIT, type CliIo } from './io';
import { run } from './run';

function capture(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    fetch: globalThis.fetch,
    env,
  };
  return io;
}

/** A real HTTP server answering /api/health with the given status and body. */
async function healthServer(
  status: number,
  body: unknown,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/api/health' ? status : 404, { 'Content-Type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const healthy: HealthResponse = {
  status: 'ok',
  database: { status: 'up', driver: 'pglite', latencyMs: 3 },
  version: '0.1.0',
  uptimeSeconds: 12,
};

describe('launchpad CLI', () => {
  it('prints usage for help, -h and no command', async () => {
    for (const argv of [['help'], ['-h'], []]) {
      const io = capture();
      expect(await run(argv, io)).toBe(EXIT.ok);
      expect(io.out).toContain('Usage: launchpad <command>');
      expect(io.out).toContain('status');
    }
  });

  it('prints its version', async () => {
    const io = capture();
    expect(await run(['--version'], io)).toBe(EXIT.ok);
    expect(io.out).toMatch(/^launchpad \S+\n$/);
  });

  it.each([
    [['deploy-everything'], "launchpad: unknown command 'deploy-everything'"],
    [['status', '--colour'], "launchpad: Unknown option '--colour'"],
    [['status', 'extra'], "launchpad: unexpected argument 'extra'"],
    [['status', '--url', 'ftp://x'], "launchpad: --url must be an http(s) URL (got 'ftp://x')"],
  ])('refuses %j with one line and exit code 64', async (argv, line) => {
    const io = capture();
    expect(await run(argv, io)).toBe(EXIT.usage);
    expect(io.err.split('\n')[0]).toBe(line);
    expect(io.err).toContain("Run 'launchpad help' for usage.");
  });

  describe('status', () => {
    let server: Server | undefined;
    afterEach(() => server?.close());

    it('shows a healthy Launchpad and exits 0', async () => {
      const started = await healthServer(200, healthy);
      server = started.server;
      const io = capture();
      expect(await run(['status', '--url', `${started.url}/`], io)).toBe(EXIT.ok);
      expect(io.out).toContain(`Launchpad  ${started.url}\n`);
      expect(io.out).toContain('API        ok\n');
      expect(io.out).toContain('Database   up (pglite, 3 ms)\n');
    });

    it('exits 1 and says why when the database is down', async () => {
      const started = await healthServer(503, {
        ...healthy,
        status: 'error',
        database: { status: 'down', driver: 'postgres', reason: 'no answer within 2000 ms' },
      });
      server = started.server;
      const io = capture({ LAUNCHPAD_URL: started.url });
      expect(await run(['status'], io)).toBe(EXIT.failure);
      expect(io.out).toContain('Database   down (postgres: no answer within 2000 ms)');
    });

    it('prints the raw report with --json', async () => {
      const started = await healthServer(200, healthy);
      server = started.server;
      const io = capture();
      expect(await run(['status', '--json', '--url', started.url], io)).toBe(EXIT.ok);
      expect(JSON.parse(io.out)).toEqual(healthy);
    });

    it('exits 2 when the server is not Launchpad', async () => {
      const started = await healthServer(200, '<html>hello</html>');
      server = started.server;
      const io = capture();
      expect(await run(['status', '--url', started.url], io)).toBe(EXIT.unreachable);
      expect(io.err).toBe(`${started.url} did not answer like Launchpad (HTTP 200)\n`);
    });

    it('exits 2 with one clear line when nothing listens', async () => {
      const closed = await healthServer(200, healthy);
      await new Promise((resolve) => closed.server.close(resolve));
      const io = capture();
      expect(await run(['status', '--url', closed.url], io)).toBe(EXIT.unreachable);
      expect(io.err).toBe(`Cannot reach Launchpad at ${closed.url}: ECONNREFUSED\n`);
    });
  });
});
