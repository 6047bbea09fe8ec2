import { RedisConnections } from '@launchpad/api-redis';
import { firstValueFrom, take, toArray } from 'rxjs';
import { EventBus } from './event-bus';

const REDIS_URL = process.env['REDIS_URL'];

/** An event bus on its own connections, as one API instance has. */
function instance(url: string | null) {
  const redis = new RedisConnections({ url });
  const bus = new EventBus(redis);
  bus.onModuleInit();
  return { bus, close: () => redis.onApplicationShutdown() };
}

describe('EventBus', () => {
  it('without Redis, delivers within the instance, to the subscribers of that topic only', async () => {
    const { bus } = instance(null);
    expect(bus.fansOut).toBe(false);
    const received = firstValueFrom(
      bus.on<{ version: number }>('deployment:a').pipe(take(2), toArray()),
    );
    await bus.publish('deployment:b', { version: 99 });
    await bus.publish('deployment:a', { version: 1 });
    await bus.publish('deployment:a', { version: 2 });
    expect(await received).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('still delivers within the instance, without throwing, while Redis is unreachable', async () => {
    const { bus, close } = instance('redis://127.0.0.1:1');
    try {
      expect(bus.fansOut).toBe(true);
      const received = firstValueFrom(bus.on<string>('deployment:a'));
      await expect(bus.publish('deployment:a', 'hello')).resolves.toBeUndefined();
      expect(await received).toBe('hello');
    } finally {
      close();
    }
  });

  (REDIS_URL ? it : it.skip)('fans an event out through Redis to another instance', async () => {
    const a = instance(REDIS_URL ?? null);
    const b = instance(REDIS_URL ?? null);
    try {
      const topic = `deployment:${Math.random().toString(36).slice(2)}`;
      let received: unknown;
      const onB = firstValueFrom(b.bus.on<{ version: number }>(topic)).then((event) => {
        received = event;
      });
      // B subscribes once its connection is up: publish until it has heard (at most once per
      // 100 ms, for 5 s), as an instance that has just started would miss what came before.
      for (let i = 0; i < 50 && received === undefined; i++) {
        await a.bus.publish(topic, { version: 7 });
        await Promise.race([onB, new Promise((resolve) => setTimeout(resolve, 100))]);
      }
      expect(received).toEqual({ version: 7 });
    } finally {
      a.close();
      b.close();
    }
  });
});
