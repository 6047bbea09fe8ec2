import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { isApiErrorBody } from '@launchpad/shared-api-types';
import { createLaunchpadApp } from '@launchpad/api-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@launchpad/api-testing';
import { AppModule } from './app.module';

/** Sends `raw` bytes over TCP and resolves with the whole answer once the server closes. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function parse(answer: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return {
    status: Number(head.split(' ')[1]),
    headers: head.toLowerCase(),
    body: JSON.parse(body),
  };
}

describe('HTTP hardening', () => {
  let testDb: TestDatabase;
  let webDistDir: string;
  let app: NestExpressApplication;
  let port: number;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    testDb = await createTestDatabase();
    webDistDir = await mkdtemp(join(tmpdir(), 'launchpad-web-'));
    await writeFile(join(webDistDir, 'index.html'), '<!doctype html><lp-root></lp-root>');
    app = await createLaunchpadApp(testConfig(testDb.config, { webDistDir }), [AppModule]);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
  });

  afterAll(async () => {
    await app?.close();
    await testDb.dispose();
    await rm(webDistDir, { recursive: true, force: true });
  });

  describe('security headers', () => {
    it('gives the SPA, the API and its documentation a strict policy that forbids framing', async () => {
      for (const path of ['/', '/activate', '/api/health', '/api/docs/openapi.json', '/nope']) {
        const res = await http().get(path);
        const csp = res.headers['content-security-policy'];
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        // PUBLIC_URL is http in tests.
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('never lets an /api answer be stored, whether it succeeds or fails', async () => {
      for (const path of ['/api/session', '/api/accounts', '/api/servers', '/api/nope']) {
        const res = await http().get(path);
        expect(res.headers['cache-control']).toBe('no-store');
      }
      expect((await http().get('/')).headers['cache-control']).toBe('no-cache');
    });
  });

  describe('parameters given twice', () => {
    it('reads a duplicated state as absent: the sign-in fails as invalid_state', async () => {
      const res = await http().get('/api/auth/linode/callback?code=a&state=x&state=y').expect(303);
      expect(res.headers['location']).toBe('/sign-in/failed?provider=linode&reason=invalid_state');
    });
  });

  describe('OAuth error descriptions', () => {
    // RFC 6749 §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E.
    const RFC_6749_TEXT = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

    it.each([
      [
        'a scope with control characters',
        'client_id=launchpad-cli&scope=servers%3Aread%1b%5B31m%00',
      ],
      ['a parameter given twice', 'client_id=launchpad-cli&%1b%5B2J=1&%1b%5B2J=2'],
      ['a quoted grant type', 'grant_type=%7B%22nested%22%3A%22x%22%7D&client_id=launchpad-cli'],
      ['invalid UTF-8', 'grant_type=%ff%fe&client_id=launchpad-cli'],
    ])('keeps to the characters RFC 6749 allows, whatever %s echoes', async (_, form) => {
      const path = form.startsWith('grant_type') ? '/oauth/token' : '/oauth/device_authorization';
      const res = await http().post(path).type('form').send(form).expect(400);
      expect(res.body.error_description).toMatch(RFC_6749_TEXT);
      expect(res.body.error_description.length).toBeGreaterThan(10);
    });

    it('says "section" where the text cites one', async () => {
      const res = await http()
        .post('/oauth/device_authorization')
        .auth('foo', 'bar')
        .type('form')
        .send('client_id=launchpad-cli')
        .expect(400);
      expect(res.body).toMatchObject({ error: 'invalid_request' });
      expect(res.body.error_description).toMatch(RFC_6749_TEXT);
      expect(res.body.error_description).toContain('RFC 6749 section 2.3');
    });
  });

  describe("requests Node's parser refuses", () => {
    it('answers 20 KB of headers with 431 in the API error shape, with a request id', async () => {
      const answer = parse(
        await exchange(
          port,
          `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        ),
      );
      expect(answer.status).toBe(431);
      expect(isApiErrorBody(answer.body)).toBe(true);
      expect(answer.body).toMatchObject({
        statusCode: 431,
        error: 'request_header_fields_too_large',
      });
      const { requestId } = answer.body as { requestId: string };
      expect(answer.headers).toContain(`x-request-id: ${requestId}`);
      expect(answer.headers).toContain('x-content-type-options: nosniff');
    });

    it('answers a 20 KB URL under /oauth in RFC 6749 §5.2 shape', async () => {
      const answer = parse(
        await exchange(
          port,
          `GET /oauth/token?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        ),
      );
      expect(answer.status).toBe(431);
      expect(answer.body).toEqual({
        error: 'invalid_request',
        error_description: expect.stringContaining('too large'),
      });
    });

    it('answers malformed HTTP with 400 in the API error shape', async () => {
      const answer = parse(await exchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, error: 'bad_request' });
    });
  });
});
