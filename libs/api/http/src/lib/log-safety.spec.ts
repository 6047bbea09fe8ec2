import { stdSerializers } from 'pino-http';
import { LOG_VALUE_MAX_CHARS, capLogArguments, safeLogText, serializeError } from './log-safety';

describe('log safety', () => {
  it('caps a long value and says how much was cut', () => {
    const text = safeLogText('x'.repeat(15_000));
    expect(text.length).toBeLessThan(LOG_VALUE_MAX_CHARS + 40);
    expect(text).toMatch(/… \[14500 more characters\]$/);
    expect(safeLogText('short')).toBe('short');
  });

  it("drops a failed statement's parameters, keeping the statement", () => {
    const message =
      'Failed query: select * from oauth_tokens where token_hash = $1\nparams: 9f86d081884c7d65';
    expect(safeLogText(message)).toBe(
      'Failed query: select * from oauth_tokens where token_hash = $1\nparams: [redacted]',
    );
  });

  it('serializes an error without its other properties, and its cause the same way', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    const error = Object.assign(
      new Error('Failed query: insert into oauth_clients values ($1)\nparams: sealed-secret'),
      { params: ['sealed-secret'], query: 'insert …', cause },
    );
    const logged = serializeError(error);
    expect(JSON.stringify(logged)).not.toContain('sealed-secret');
    expect(logged).toMatchObject({
      type: 'Error',
      message: 'Failed query: insert into oauth_clients values ($1)\nparams: [redacted]',
      cause: { code: '22021' },
    });
    expect(logged).not.toHaveProperty('params');
  });

  it('serializes the error pino-http hands over, already serialized by pino, the same way', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    // What pino-http's wrapErrorSerializer passes to the configured `err` serializer.
    const logged = serializeError(stdSerializers.err(error));
    expect(logged).toMatchObject({
      type: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:5432',
      code: 'ECONNREFUSED',
      stack: expect.stringContaining('log-safety.spec'),
    });
  });

  it('caps every string argument of a log call, and the strings of its object', () => {
    const calls: unknown[][] = [];
    capLogArguments.call(
      undefined,
      [{ provider: 'linode', error: 'e'.repeat(9_000) }, 'y'.repeat(9_000)],
      (...args: unknown[]) => calls.push(args),
    );
    expect(JSON.stringify(calls).length).toBeLessThan(3 * LOG_VALUE_MAX_CHARS);
    expect(calls[0]?.[0]).toMatchObject({ provider: 'linode' });
  });
});
