import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import request from 'supertest';
import { isApiErrorBody } from '@launchpad/shared-api-types';
import type { LaunchpadConfig } from '@launchpad/api-config';
import { createLaunchpadApp } from '@launchpad/api-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@launchpad/api-testing';
import { AppModule } from './app.module';

const POSTGRES = Boolean(process.env['DATABASE_URL']);
const REDIS_URL = process.env['REDIS_URL'];
/** An address of this run only: Redis keeps counters between runs until their window ends. */
const runAddress = () =>
  `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

/** A sign-in start from `address`: 303 to the provider while under the limit. */
const startSignIn = (app: NestExpressApplication, address: string) =>
  request(app.getHttpServer()).get('/api/auth/linode').set('X-Forwarded-For', address);

// Some tests send hundreds of requests to reach a limit: seconds each on a busy 2-core machine.
jest.setTimeout(60_000);

describe(`rate limits (${POSTGRES ? 'PostgreSQL' : 'PGlite'}${REDIS_URL ? ', Redis' : ''})`, () => {
  let testDb: TestDatabase;
  let config: LaunchpadConfig;
  const apps: NestExpressApplication[] = [];

  async function instance(redisUrl: string | null = null): Promise<NestExpressApplication> {
    const app = await createLaunchpadApp(
      { ...config, rateLimits: { enabled: true }, redis: { url: redisUrl } },
      [AppModule],
    );
    await app.init();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    config = testConfig(testDb.config);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await testDb.dispose();
  });

  describe('on one instance, counted in the database', () => {
    let app: NestExpressApplication;
    beforeAll(async () => {
      app = await instance();
    });

    it('refuses the 31st sign-in start in a minute from one address, with Retry-After', async () => {
      for (let i = 0; i < 30; i++) await startSignIn(app, '203.0.113.1').expect(303);
      const refused = await startSignIn(app, '203.0.113.1').expect(429);
      expect(isApiErrorBody(refused.body)).toBe(true);
      expect(refused.body.error).toBe('too_many_requests');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.message).toContain(`${retryAfter} second`);
      // Another address is not affected.
      await startSignIn(app, '203.0.113.2').expect(303);
    });

    it('answers the token endpoint over its limit with slow_down in RFC 6749 §5.2 shape', async () => {
      const poll = () =>
        request(app.getHttpServer())
          .post('/oauth/token')
          .set('X-Forwarded-For', '203.0.113.3')
          .type('form')
          .send({
            grant_type: 'refresh_token',
            refresh_token: 'lpr_unknown',
            client_id: 'launchpad-cli',
          });
      for (let i = 0; i < 300; i++) await poll().expect(400);
      const refused = await poll().expect(429);
      expect(refused.body).toEqual({ error: 'slow_down', error_description: expect.any(String) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('never limits the health check', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await request(app.getHttpServer()).get('/api/health').expect(200);
        expect(res.headers['x-ratelimit-limit-address']).toBeUndefined();
      }
    });

    it('documents a 429 on every limited route, in its shape, and none on the health checks', async () => {
      const document = (
        await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200)
      ).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
      const refused = (path: string, method: string) =>
        JSON.stringify(document.paths[path]?.[method]?.responses['429'] ?? null);
      for (const path of ['/api/health', '/api/health/live', '/api/health/ready']) {
        expect(refused(path, 'get')).toBe('null');
      }
      expect(refused('/api/servers', 'get')).toContain('ApiErrorBody');
      expect(refused('/api/deployments', 'post')).toContain('ApiErrorBody');
      expect(refused('/oauth/token', 'post')).toContain('OAuthErrorDto');
      expect(refused('/oauth/token', 'post')).toContain('slow_down');
    });
  });

  /** Two instances share the count: the second refuses what the first has used up. */
  async function sharedAcross(
    redisUrl: string | null,
    address: string,
  ): Promise<NestExpressApplication> {
    const first = await instance(redisUrl);
    const second = await instance(redisUrl);
    for (let i = 0; i < 15; i++) {
      await startSignIn(first, address).expect(303);
      await startSignIn(second, address).expect(303);
    }
    await startSignIn(first, address).expect(429);
    await startSignIn(second, address).expect(429);
    return first;
  }

  // Two instances on one PGlite directory cannot run: PGlite is one process's database.
  (POSTGRES ? it : it.skip)('counts across two instances in PostgreSQL', async () => {
    await sharedAcross(null, runAddress());
  });

  (POSTGRES && REDIS_URL ? it : it.skip)('counts across two instances in Redis', async () => {
    const redis = new Redis(REDIS_URL ?? '');
    const counted = async () => (await redis.keys('*:address}:hits')).length;
    try {
      const before = await counted();
      const first = await sharedAcross(REDIS_URL ?? null, runAddress());
      // The counts were Redis's, not the database's fallback.
      expect(await counted()).toBeGreaterThan(before);
      const ready = await request(first.getHttpServer()).get('/api/health/ready').expect(200);
      expect(ready.body.details.redis).toMatchObject({ status: 'up' });
    } finally {
      redis.disconnect();
    }
  });
});
