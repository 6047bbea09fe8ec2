import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request and its answer, with what the router matched. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path below the realm's prefix, e.g. `/v4/regions` for `/linode/api/v4/regions`. */
  path: string;
  params: Record<string, string>;
  /** The whole request body, read before routing (see readBody). */
  body: Buffer;
}

export type Handler = (exchange: Exchange) => void | Promise<void>;

/** Raised by handlers and body readers for a client error the realm renders in its own shape. */
export class ClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** For bodies already serialized (cached views). */
export function sendRawJson(res: ServerResponse, status: number, payload: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

// Above every documented field limit (DigitalOcean user_data: 64 KiB), so those answer 422, not 413.
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the request body before any routing, so that every answer — a 404, a 405, a fault, a
 * validation error — is sent after the whole request arrived and the connection stays usable.
 * Returns undefined when the body is over the limit (the caller answers 413 and closes).
 */
export async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body as JSON; a body that is not JSON is the client's error, never a crash. */
export function readJson(exchange: Exchange): unknown {
  const text = exchange.body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClientError(400, 'Malformed JSON');
  }
}
