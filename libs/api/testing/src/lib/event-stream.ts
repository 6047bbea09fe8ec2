import type { Test } from 'supertest';

/**
 * A Server-Sent Events answer read to its end, as text in `res.body`: supertest buffers only the
 * types it knows, and an event stream ends when the server ends it (`@Sse()` completing).
 */
export function readEventStream(test: Test): Test {
  return test.buffer(true).parse((response, done) => {
    let text = '';
    response.on('data', (chunk: Buffer) => (text += chunk.toString()));
    response.on('end', () => done(null, text));
  });
}

/** The data of each `event: status` of an event stream's text (HTML §9.2), parsed as JSON. */
export function statusEventsOf(stream: unknown): unknown[] {
  return String(stream)
    .split('\n\n')
    .filter((block) => block.includes('event: status'))
    .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown);
}
