import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { isApiErrorBody } from '@launchpad/shared-api-types';
import { createLaunchpadApp } from '@launchpad/api-core';
import { DATABASE, type Database } from '@launchpad/api-database';
import { createTestDatabase, testConfig, type TestDatabase } from '@launchpad/api-testing';
import { AppModule } from './app.module';

/** The API without a built SPA, then with its database gone: every answer keeps its shape. */
describe('Launchpad API degraded', () => {
  let testDb: TestDatabase;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // testConfig points webDistDir at a directory that does not exist: the API alone.
    app = await createLaunchpadApp(testConfig(testDb.config), [AppModule]);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await testDb.dispose();
  });

  it('answers client-side routes with the JSON 404 when the SPA is not built', async () => {
    for (const path of ['/', '/activate']) {
      const res = await http().get(path).expect(404).expect('Content-Type', /json/);
      expect(isApiErrorBody(res.body)).toBe(true);
      expect(res.body.message).toBe(`No endpoint GET ${path}`);
    }
  });

  describe('with the database down', () => {
    beforeAll(async () => {
      await app.get<Database>(DATABASE).close();
    });

    it('is alive but not ready, and says which check failed', async () => {
      await http()
        .get('/api/health/live')
        .expect(200, { status: 'ok', info: {}, error: {}, details: {} });
      const ready = await http().get('/api/health/ready').expect(503);
      expect(ready.body.status).toBe('error');
      expect(ready.body.error.database).toMatchObject({
        status: 'down',
        reason: expect.any(String),
      });
    });

    it('answers the OAuth endpoints with server_error in RFC 6749 §5.2 shape, uncached', async () => {
      const res = await http()
        .post('/oauth/device_authorization')
        .type('form')
        .send({ client_id: 'launchpad-cli', scope: 'servers:read' })
        .expect(500)
        .expect('Content-Type', /json/);
      expect(res.body).toEqual({
        error: 'server_error',
        error_description: 'The authorization server failed; try again shortly.',
      });
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });
});
