// A small round-robin reverse proxy on 127.0.0.1 in front of the API instances, behaving as the
// production guide's proxy would (docs/production.md: N instances behind a proxy, TRUST_PROXY):
// it appends the client's address to X-Forwarded-For, passes the Host through (so PUBLIC_URL
// is its own URL), takes an instance out for a few seconds when it refuses connections and
// sends the request to the next one (nothing reached the dead one), and retries an idempotent
// request (GET, HEAD) on the next instance when its connection broke before any answer.
//
// What it cannot hide it marks, so that the suite never mistakes it for an API answer: every
// answer carries `x-reliability-upstream: <instance name>`, and an answer the proxy made itself
// (a non-idempotent request whose instance died under it; no instance at all) is a 502 with
// `x-reliability-proxy: upstream-lost` or `no-upstream`.
import { Agent, createServer, request } from 'node:http';
import { freePort } from '../bench/processes.mjs';

const DOWN_FOR_MS = 2_000;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'];

/**
 * @typedef {{ name: string, port: number, downUntil?: number }} Upstream
 * @typedef {object} Proxy
 * @property {string} url                              http://127.0.0.1:<port>
 * @property {(upstreams: { name: string, port: number }[]) => void} setUpstreams
 * @property {{ forwarded: number, retried: number, lost: number }} stats
 * @property {() => Promise<void>} close
 */

/** Starts the proxy on a free port of 127.0.0.1 before `upstreams`. @returns {Promise<Proxy>} */
export async function startProxy(upstreams) {
  /** @type {Upstream[]} */
  let pool = upstreams.map((u) => ({ ...u }));
  let next = 0;
  const stats = { forwarded: 0, retried: 0, lost: 0 };
  // Idle upstream sockets are dropped after 4 s, before the API's 5 s keep-alive timeout closes
  // them under a request (the classic reused-socket reset).
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });

  /** The next instance in turn that is not resting, skipping `tried`. */
  function pick(tried) {
    const now = Date.now();
    for (let i = 0; i < pool.length; i++) {
      const upstream = pool[(next + i) % pool.length];
      if (!tried.has(upstream.name) && (upstream.downUntil ?? 0) <= now) {
        next = (next + i + 1) % pool.length;
        return upstream;
      }
    }
    // Every instance is resting: try one that has not been tried anyway.
    return pool.find((u) => !tried.has(u.name));
  }

  const server = createServer(
    { maxHeaderSize: 64 * 1024, requestTimeout: 0, keepAliveTimeout: 5_000 },
    (req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.once('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
      req.once('error', () => res.destroy());
    },
  );

  function answer(res, status, marker, upstreamName, message) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ error: 'bad_gateway', message });
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-reliability-proxy': marker,
      'x-reliability-upstream': upstreamName,
    });
    res.end(body);
  }

  function forward(req, res, body, tried) {
    const upstream = pick(tried);
    if (!upstream) return answer(res, 502, 'no-upstream', '-', 'No API instance answers.');
    tried.add(upstream.name);
    const headers = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const client = req.socket.remoteAddress ?? '127.0.0.1';
    headers['x-forwarded-for'] = headers['x-forwarded-for']
      ? `${headers['x-forwarded-for']}, ${client}`
      : client;
    if (body.length > 0) headers['content-length'] = String(body.length);
    let answered = false;
    const upstreamReq = request(
      {
        host: '127.0.0.1',
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      (upstreamRes) => {
        answered = true;
        stats.forwarded++;
        const out = { ...upstreamRes.headers, 'x-reliability-upstream': upstream.name };
        for (const name of HOP_BY_HOP) delete out[name];
        res.writeHead(upstreamRes.statusCode ?? 502, out);
        upstreamRes.pipe(res);
        // The instance died mid-answer (a stream, say): the client sees its connection cut.
        upstreamRes.once('aborted', () => res.destroy());
        upstreamRes.once('error', () => res.destroy());
      },
    );
    // The client went away (a stream it closed): stop the upstream request too.
    res.once('close', () => {
      if (!res.writableFinished) upstreamReq.destroy();
    });
    upstreamReq.once('error', (error) => {
      if (answered) return res.destroy();
      const refused = error.code === 'ECONNREFUSED';
      if (refused) upstream.downUntil = Date.now() + DOWN_FOR_MS;
      if ((refused || IDEMPOTENT.has(req.method ?? '')) && tried.size < pool.length) {
        stats.retried++;
        return forward(req, res, body, tried);
      }
      stats.lost++;
      upstream.downUntil = Date.now() + DOWN_FOR_MS;
      answer(
        res,
        502,
        refused ? 'no-upstream' : 'upstream-lost',
        upstream.name,
        `The API instance ${upstream.name} failed under the request (${error.code ?? error.message}).`,
      );
    });
    upstreamReq.end(body);
  }

  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setUpstreams(list) {
      pool = list.map((u) => ({ ...u }));
      next = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
