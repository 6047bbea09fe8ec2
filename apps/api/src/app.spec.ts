import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiErrorBody, HealthResponse } from '@launchpad/shared-api-types';
import { isApiErrorBody } from '@launchpad/shared-api-types';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import { AppModule } from './app.module';
import { DATABASE } from '@launchpad/api-database';
import type { Database } from '@launchpad/api-database';
import { createTestDatabase, type TestDatabase } from '@launchpad/api-testing';
import { testConfig } from '@launchpad/api-testing';

describe('Launchpad API over HTTP', () => {
  let testDb: TestDatabase;
  let webDistDir: string;
  let app: NestExpressApplication;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    webDistDir = await mkdtemp(join(tmpdir(), 'launchpad-web-'));
    await mkdir(join(webDistDir, 'assets'));
    await writeFile(join(webDistDir, 'index.html'), '<!doctype html><lp-root>shell</lp-root>');
    await writeFile(join(webDistDir, 'main-ABCDEFGH.js'), 'console.log("app")');
    const config = testConfig(testDb.config, { webDistDir });
    app = await createLaunchpadApp(config, [AppModule]);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await testDb.dispose();
    await rm(webDistDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());

  function expectApiError(body: unknown, statusCode: number, error: string): ApiErrorBody {
    expect(isApiErrorBody(body)).toBe(true);
    expect(body).toMatchObject({ statusCode, error });
    return body as ApiErrorBody;
  }

  describe('GET /api/health', () => {
    it('reports the API and the database as up', async () => {
      const res = await http().get('/api/health').expect(200);
      const body = res.body as HealthResponse;
      expect(body.status).toBe('ok');
      expect(body.database).toMatchObject({ status: 'up', driver: testDb.config.driver });
      expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('gives every answer a request id, keeping a well-formed one sent by the caller', async () => {
      const generated = await http().get('/api/health');
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await http().get('/api/health').set('X-Request-Id', 'trace-1234-abcd');
      expect(kept.headers['x-request-id']).toBe('trace-1234-abcd');
      const replaced = await http().get('/api/health').set('X-Request-Id', 'bad id with spaces');
      expect(replaced.headers['x-request-id']).not.toContain('bad');
    });
  });

  describe('errors', () => {
    it('answers an unknown /api path with the JSON error shape, not the SPA', async () => {
      const res = await http().get('/api/nope').expect(404);
      const body = expectApiError(res.body, 404, 'not_found');
      expect(body.message).toBe('No endpoint GET /api/nope');
      expect(body.requestId).toBe(res.headers['x-request-id']);
    });

    it('answers a malformed JSON body with 400 and a request id', async () => {
      const res = await http()
        .post('/api/health')
        .set('Content-Type', 'application/json')
        .send('{"oops":')
        .expect(400);
      const body = expectApiError(res.body, 400, 'bad_request');
      expect(body.message).toBe('The request body is not valid JSON');
      expect(body.requestId).toBe(res.headers['x-request-id']);
    });

    it('answers a body over the limit with 413', async () => {
      const res = await http()
        .post('/api/health')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ big: 'x'.repeat(200_000) }))
        .expect(413);
      expectApiError(res.body, 413, 'payload_too_large');
    });

    it('answers unknown OAuth and discovery paths as JSON too', async () => {
      await http().get('/oauth/nope').expect(404).expect('Content-Type', /json/);
      await http().get('/.well-known/nope').expect(404).expect('Content-Type', /json/);
    });
  });

  describe('serving the SPA', () => {
    it('serves index.html at / and for client-side routes, uncached', async () => {
      for (const path of ['/', '/servers/linode/123', '/activate?user_code=ABCD-EFGH']) {
        const res = await http().get(path).expect(200);
        expect(res.text).toContain('<lp-root>');
        expect(res.headers['cache-control']).toBe('no-cache');
      }
    });

    it('serves hashed bundles with a long cache lifetime', async () => {
      const res = await http().get('/main-ABCDEFGH.js').expect(200);
      expect(res.headers['cache-control']).toContain('immutable');
    });

    it('does not answer POSTs to SPA routes with the SPA', async () => {
      const res = await http().post('/servers').send({}).expect(404);
      expectApiError(res.body, 404, 'not_found');
    });
  });

  describe('OpenAPI', () => {
    it('documents the endpoints, generated from the code', async () => {
      const res = await http().get('/api/docs/openapi.json').expect(200);
      expect(res.body.info.title).toBe('Launchpad API');
      expect(Object.keys(res.body.paths)).toContain('/api/health');
      expect(res.body.paths['/api/health'].get.responses).toHaveProperty('503');
    });

    it('serves the interactive documentation at /api/docs', async () => {
      const res = await http().get('/api/docs').redirects(1).expect(200);
      expect(res.text).toContain('swagger');
    });
  });

  it('reports 503 with the database down, and says why', async () => {
    const database = app.get<Database>(DATABASE);
    await database.close();
    const res = await http().get('/api/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', database: { status: 'down' } });
    expect(typeof res.body.database.reason).toBe('string');
  });
});
