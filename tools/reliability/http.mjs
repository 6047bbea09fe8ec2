// The suite's HTTP client: node:http with keep-alive, so that a request goes out exactly as
// written (fetch would normalize `/../` away, refuse some headers and follow redirects), with
// its latency measured and every failure turned into an answer instead of a throw.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

const agent = new Agent({ keepAlive: true, maxSockets: 512, scheduling: 'lifo', timeout: 4_000 });

/**
 * @typedef {object} Answer
 * @property {number} status          HTTP status; 0 when no answer came (see `error`)
 * @property {Record<string, string | string[]>} headers  lower-case names
 * @property {Buffer} body
 * @property {number} ms              from the first byte sent to the last byte received
 * @property {number} at              Date.now() when the request was sent
 * @property {string} [error]         the transport error's code (ECONNRESET, TIMEOUT, ...)
 */

/**
 * Sends one request and reads the whole answer. `path` is sent verbatim (it may hold `..`,
 * `%00` or `%FF`); `body` is a string or a Buffer. Never throws.
 * @param {string} origin   e.g. http://127.0.0.1:4100
 * @param {{ method?: string, path: string, headers?: Record<string, string | string[]>,
 *   body?: string | Buffer, timeoutMs?: number }} init
 * @returns {Promise<Answer>}
 */
export function send(origin, { method = 'GET', path, headers = {}, body, timeoutMs = 15_000 }) {
  const { hostname, port } = new URL(origin);
  const at = Date.now();
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer) => {
      if (settled) return;
      settled = true;
      resolve({
        headers: {},
        body: Buffer.alloc(0),
        ...answer,
        ms: performance.now() - started,
        at,
      });
    };
    let req;
    try {
      req = request({
        host: hostname,
        port,
        method,
        path,
        agent,
        headers: withoutUndefined({
          ...(body !== undefined && !headers['transfer-encoding']
            ? { 'content-length': String(Buffer.byteLength(body)) }
            : {}),
          ...headers,
        }),
        // Oversized headers are part of the corpus: let the server, not this client, refuse them.
        maxHeaderSize: 1 << 20,
        insecureHTTPParser: true,
      });
    } catch (error) {
      // node:http refuses some values itself (a header with a newline): no request was sent.
      finish({ status: 0, error: `CLIENT_${error.code ?? 'REFUSED'}` });
      return;
    }
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: 0, error: 'TIMEOUT' });
    }, timeoutMs);
    req.once('response', (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.once('end', () => {
        clearTimeout(timer);
        finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.once('error', (error) => {
        clearTimeout(timer);
        finish({ status: 0, headers: res.headers, error: error.code ?? 'RESPONSE_ERROR' });
      });
      res.once('aborted', () => {
        clearTimeout(timer);
        finish({ status: 0, headers: res.headers, error: 'ABORTED' });
      });
    });
    req.once('error', (error) => {
      clearTimeout(timer);
      finish({ status: 0, error: error.code ?? 'REQUEST_ERROR' });
    });
    req.end(body);
  });
}

/**
 * Opens a Server-Sent Events stream and collects its events until the server ends it, `stopAt`
 * (Date.now() ms) passes, or the connection breaks. `ms` is the time to the answer's headers.
 * @returns {Promise<Answer & { events: { id?: string, event?: string, data?: string }[],
 *   ended: 'server' | 'deadline' | 'broken' }>}
 */
export function stream(origin, { path, headers = {}, stopAt, timeoutMs = 15_000 }) {
  const { hostname, port } = new URL(origin);
  const at = Date.now();
  const started = performance.now();
  return new Promise((resolve) => {
    const events = [];
    let raw = '';
    let ms = 0;
    let status = 0;
    let answerHeaders = {};
    let settled = false;
    const finish = (ended, error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(headerTimer);
      req.destroy();
      // An answer that is not a stream (an error in JSON) keeps its body for the checks.
      const body = /^text\/event-stream/.test(String(answerHeaders['content-type'] ?? ''))
        ? Buffer.alloc(0)
        : Buffer.from(raw);
      resolve({ status, headers: answerHeaders, body, ms, at, events, ended, error });
    };
    const req = request({
      host: hostname,
      port,
      path,
      agent: false,
      headers: { accept: 'text/event-stream', ...headers },
    });
    const headerTimer = setTimeout(() => finish('broken', 'TIMEOUT'), timeoutMs);
    const deadline = setTimeout(() => finish('deadline'), Math.max(0, stopAt - Date.now()));
    req.once('response', (res) => {
      clearTimeout(headerTimer);
      ms = performance.now() - started;
      status = res.statusCode ?? 0;
      answerHeaders = res.headers;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (text) => {
        if (raw.length < 65_536) raw += text;
        buffer += text;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = {};
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            const field = line.slice(0, colon);
            const value = line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data')
              event.data = event.data === undefined ? value : `${event.data}\n${value}`;
            else if (field === 'id' || field === 'event') event[field] = value;
          }
          if (Object.keys(event).length > 0) events.push(event);
        }
      });
      res.once('end', () => finish('server'));
      res.once('aborted', () => finish('broken', 'ABORTED'));
      res.once('error', (error) => finish('broken', error.code ?? 'RESPONSE_ERROR'));
    });
    req.once('error', (error) => finish('broken', error.code ?? 'REQUEST_ERROR'));
    req.end();
  });
}

/**
 * Writes `bytes` to a fresh connection as they are (a request line Node's client would refuse)
 * and parses the answer's status line, headers and body: what arrives until the connection
 * closes (the API closes it after refusing a request) or until Content-Length is complete.
 * @returns {Promise<Answer>}
 */
export function sendRaw(origin, bytes, timeoutMs = 10_000) {
  const { hostname, port } = new URL(origin);
  const at = Date.now();
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks = [];
    let settled = false;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const data = Buffer.concat(chunks);
      const split = data.indexOf('\r\n\r\n');
      const head = (split >= 0 ? data.subarray(0, split) : data).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
      const headers = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = split >= 0 ? data.subarray(split + 4) : Buffer.alloc(0);
      resolve({
        status,
        headers,
        body,
        ms: performance.now() - started,
        at,
        ...(status === 0 ? { error: error ?? 'NO_ANSWER' } : {}),
      });
    };
    socket.setTimeout(timeoutMs, () => finish('TIMEOUT'));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // A well-formed request keeps its connection alive: stop once Content-Length has arrived.
      const data = Buffer.concat(chunks);
      const split = data.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(data.subarray(0, split).toString('latin1'));
      if (split >= 0 && length && data.length >= split + 4 + Number(length[1])) finish();
    });
    socket.once('end', () => finish());
    socket.once('close', () => finish());
    socket.once('error', (error) => finish(error.code));
    socket.once('connect', () => socket.write(bytes));
  });
}

const withoutUndefined = (headers) =>
  Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined));

/** The answer's body as JSON, or undefined when it is not JSON. */
export function jsonOf(answer) {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The answer's `Set-Cookie` values as name → value. */
export function cookiesOf(answer) {
  const set = answer.headers['set-cookie'] ?? [];
  const cookies = new Map();
  for (const line of Array.isArray(set) ? set : [set]) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return cookies;
}
