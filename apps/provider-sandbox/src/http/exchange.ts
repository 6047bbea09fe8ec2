import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request and its answer, with what the router matched. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path below the realm's prefix, e.g. `/v4/regions` for `/linode/api/v4/regions`. */
  path: string;
  params: Record<string, string>;
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
const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON body; a body that is too large or not JSON is the client's error, never a crash. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ClientError(413, 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClientError(400, 'Malformed JSON');
  }
}
