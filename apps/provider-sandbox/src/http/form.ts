import { ClientError, type Exchange } from './exchange';

/**
 * Reads an `application/x-www-form-urlencoded` or `multipart/form-data` body (Linode's token
 * endpoint takes both) into URLSearchParams. Any other body is read as urlencoded text.
 */
export async function readForm(exchange: Exchange): Promise<URLSearchParams> {
  const type = exchange.req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data'))
    return new URLSearchParams(exchange.body.toString('utf8'));
  try {
    // The platform's own multipart parser (undici), rather than one of ours.
    const form = await new Request('http://sandbox.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(exchange.body),
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
