import type { IncomingMessage } from 'node:http';
import { ClientError } from './exchange';

const MAX_FORM_BYTES = 64 * 1024;

/**
 * Reads an `application/x-www-form-urlencoded` or `multipart/form-data` body (Linode's token
 * endpoint takes both) into URLSearchParams. Any other body is read as urlencoded text.
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new ClientError(413, 'Request body too large');
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return new URLSearchParams(body.toString('utf8'));
  try {
    // The platform's own multipart parser (undici), rather than one of ours.
    const form = await new Request('http://sandbox.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    }).formData();
    const params = new URLSearchParams();
    form.forEach((value, key) => {
      if (typeof value === 'string') params.append(key, value);
    });
    return params;
  } catch {
    throw new ClientError(400, 'Malformed multipart body');
  }
}

/** Parameters from the query string and the body, the body winning (DigitalOcean accepts both). */
export function mergeParams(query: URLSearchParams, body: URLSearchParams): URLSearchParams {
  const merged = new URLSearchParams(query);
  body.forEach((value, key) => merged.set(key, value));
  return merged;
}
