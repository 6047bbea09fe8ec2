import { randomBytes } from 'node:crypto';
import { ClientError, type Exchange, sendJson } from '../http/exchange';
import type { ErrorRenderer } from '../http/realm';

export const FAULT_TYPES = [
  'latency',
  'error_500',
  'bad_gateway_html',
  'rate_limit',
  'connection_reset',
  'malformed_json',
  'waf_403_html',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export interface Fault {
  id: string;
  type: FaultType;
  /** The request's pathname must start with this, e.g. `/linode/api/v4/linode/instances`. */
  path: string;
  method: string | null;
  /** How many requests it still hits; null for every one until removed. */
  remaining: number | null;
  latencyMs: number;
  retryAfter: number;
}

const BAD_GATEWAY =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The edge firewall's page in front of Linode's API: HTML, not the API's JSON. */
const waf403 = (path: string) =>
  `<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don't have permission to access "http&#58;&#47;&#47;api&#46;linode&#46;com${path.replace(/\//g, '&#47;')}" on this server.<P>\nReference&#32;&#35;18&#46;${randomBytes(4).toString('hex')}\n</BODY>\n</HTML>\n`;

function integer(
  body: Record<string, unknown>,
  key: string,
  fallback: number,
  max: number,
): number {
  const value = body[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new ClientError(400, `${key} must be a whole number between 0 and ${max}`);
  }
  return value;
}

/** Faults injected per route through `/_sandbox/faults`, so every failure path can be tested. */
export class FaultInjector {
  private faults: Fault[] = [];

  list(): Fault[] {
    return this.faults;
  }

  add(body: Record<string, unknown>): Fault {
    const { type, path, method } = body;
    if (!FAULT_TYPES.includes(type as FaultType))
      throw new ClientError(400, `type must be one of ${FAULT_TYPES.join(', ')}`);
    if (typeof path !== 'string' || !path.startsWith('/'))
      throw new ClientError(400, 'path must be a path starting with /');
    if (method !== undefined && (typeof method !== 'string' || !/^[A-Z]+$/.test(method))) {
      throw new ClientError(400, 'method must be an HTTP method in capitals');
    }
    const times = body['times'];
    if (
      times !== undefined &&
      (typeof times !== 'number' || !Number.isInteger(times) || times < 1)
    ) {
      throw new ClientError(400, 'times must be a positive whole number');
    }
    const fault: Fault = {
      id: randomBytes(6).toString('hex'),
      type: type as FaultType,
      path,
      method: (method as string | undefined) ?? null,
      remaining: (times as number | undefined) ?? null,
      latencyMs: integer(body, 'latencyMs', 2000, 120_000),
      retryAfter: integer(body, 'retryAfter', 2, 3600),
    };
    this.faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes the first fault that matches this request, counting it down. */
  take(method: string, pathname: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => pathname.startsWith(f.path) && (f.method === null || f.method === method),
    );
    if (!fault) return undefined;
    if (fault.remaining !== null && --fault.remaining <= 0) this.remove(fault.id);
    return fault;
  }
}

/**
 * Acts out a fault. Returns true when the request has been answered (or its connection cut),
 * false when it should go on to its route (latency only delays it).
 */
export async function actOut(
  fault: Fault,
  exchange: Exchange,
  renderer: ErrorRenderer,
): Promise<boolean> {
  const { res, req, url } = exchange;
  switch (fault.type) {
    case 'latency':
      await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      return false;
    case 'error_500':
      renderer.render(exchange, 500, 'Internal server error');
      return true;
    case 'bad_gateway_html':
      res.writeHead(502, {
        'Content-Type': 'text/html',
        'Content-Length': Buffer.byteLength(BAD_GATEWAY),
      });
      res.end(BAD_GATEWAY);
      return true;
    case 'rate_limit':
      res.setHeader('Retry-After', String(fault.retryAfter));
      renderer.render(exchange, 429, 'Too many requests');
      return true;
    case 'connection_reset':
      req.socket.resetAndDestroy();
      return true;
    case 'malformed_json': {
      const body = '{"data": [{"id": 1, "label": "trunc';
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
      return true;
    }
    case 'waf_403_html': {
      const page = waf403(url.pathname);
      res.writeHead(403, {
        'Content-Type': 'text/html',
        'Content-Length': Buffer.byteLength(page),
      });
      res.end(page);
      return true;
    }
  }
}

export function sendFaults(exchange: Exchange, faults: Fault[]): void {
  sendJson(exchange.res, 200, { faults });
}
