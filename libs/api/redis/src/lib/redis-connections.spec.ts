import { RedisConnections } from './redis-connections';

const REDIS_URL = process.env['REDIS_URL'];

describe('RedisConnections', () => {
  it('opens nothing without REDIS_URL, and its ping says so', async () => {
    const redis = new RedisConnections({ url: null });
    expect(redis.enabled).toBe(false);
    expect(redis.client).toBeUndefined();
    expect(redis.subscriber).toBeUndefined();
    await expect(redis.ping()).rejects.toThrow('REDIS_URL is not set');
  });

  it('fails a ping at once, never hangs, while Redis is unreachable', async () => {
    const redis = new RedisConnections({ url: 'redis://127.0.0.1:1' });
    try {
      expect(redis.enabled).toBe(true);
      const started = Date.now();
      await expect(redis.ping()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      redis.onApplicationShutdown();
    }
  });

  (REDIS_URL ? it : it.skip)('pings Redis and reports the round trip in milliseconds', async () => {
    const redis = new RedisConnections({ url: REDIS_URL ?? null });
    try {
      // Commands fail rather than queue until the connection is up (readiness is down till then).
      await expect(redis.ping()).rejects.toThrow();
      await new Promise((resolve) => redis.client?.once('ready', resolve));
      const ms = await redis.ping();
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(1_000);
    } finally {
      redis.onApplicationShutdown();
    }
  });
});
