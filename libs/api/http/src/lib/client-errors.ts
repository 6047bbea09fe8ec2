import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { toApiErrorBody } from './api-error';
import { REQUEST_ID_HEADER } from './request-id';

/** What Node's HTTP parser refused, as Node itself would answer it (`node:_http_server`). */
const REFUSALS: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    message: 'The request line and headers are too large (16 KB in all at most).',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, message: 'The chunk extensions are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
};
const MALFORMED = { status: 400, message: 'The request is not well-formed HTTP.' };

/** `GET /oauth/token HTTP/1.1` → true: the target as far as the refused bytes show it. */
function isOAuthRequest(rawPacket: unknown): boolean {
  if (!Buffer.isBuffer(rawPacket)) return false;
  return /^[A-Z]+ \/oauth\//.test(rawPacket.subarray(0, 64).toString('latin1'));
}

/**
 * Requests that Node's HTTP parser refuses never reach Express: by default Node writes a bare
 * status line (431 for headers over `--max-http-header-size`, 400 for malformed HTTP). This
 * `clientError` listener (Node's documented hook) answers them in the API's error shape, with a
 * request id, or in RFC 6749 §5.2's shape (`invalid_request`) for /oauth/, then closes the
 * connection, which the parser cannot resume. Nothing is logged: a refused request is not a
 * fault of the API.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, message } = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const requestId = randomUUID();
    const body = isOAuthRequest(error.rawPacket)
      ? { error: 'invalid_request', error_description: message }
      : toApiErrorBody(new HttpException(message, status), requestId);
    endWith(socket, status, requestId, JSON.stringify(body));
  });
}

function endWith(socket: Duplex, status: number, requestId: string, json: string): void {
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(json)}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      `${REQUEST_ID_HEADER}: ${requestId}`,
      'Connection: close',
      '',
      json,
    ].join('\r\n'),
  );
}
