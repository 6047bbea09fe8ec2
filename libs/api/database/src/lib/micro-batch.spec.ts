import { MicroBatch } from './micro-batch';

/** A statement that records the batches it was given and answers each item doubled. */
function recorder(fail: (items: number[]) => boolean = () => false) {
  const batches: number[][] = [];
  let release: (() => void) | undefined;
  let held = false;
  const execute = async (items: number[]) => {
    batches.push(items);
    if (held) await new Promise<void>((resolve) => (release = resolve));
    if (fail(items)) throw new Error(`statement failed for ${items.join(',')}`);
    return items.map((i) => i * 2);
  };
  return {
    batches,
    execute,
    hold: () => (held = true),
    release: () => {
      held = false;
      release?.();
    },
  };
}

describe('MicroBatch', () => {
  it('sends a lone item at once, in a batch of its own', async () => {
    const r = recorder();
    const batch = new MicroBatch(r.execute, { maxBatch: 10, maxInFlight: 1, key: String });
    await expect(batch.run(1)).resolves.toBe(2);
    expect(r.batches).toEqual([[1]]);
  });

  it('groups what arrives while a statement is in flight into the next one, answers in order', async () => {
    const r = recorder();
    const batch = new MicroBatch(r.execute, { maxBatch: 10, maxInFlight: 1, key: String });
    r.hold();
    const first = batch.run(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4, 5].map((i) => batch.run(i));
    r.release();
    await expect(Promise.all([first, ...rest])).resolves.toEqual([2, 4, 6, 8, 10]);
    expect(r.batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('keeps batches within maxBatch and never puts one key twice in a batch', async () => {
    const r = recorder();
    const batch = new MicroBatch(r.execute, { maxBatch: 3, maxInFlight: 2, key: String });
    const answers = await Promise.all([1, 2, 2, 3, 4, 5, 2].map((i) => batch.run(i)));
    expect(answers).toEqual([2, 4, 4, 6, 8, 10, 4]);
    for (const sent of r.batches) {
      expect(sent.length).toBeLessThanOrEqual(3);
      expect(new Set(sent).size).toBe(sent.length);
    }
    expect(r.batches.flat().sort()).toEqual([1, 2, 2, 2, 3, 4, 5]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const r = recorder((items) => items.includes(13));
    const batch = new MicroBatch(r.execute, { maxBatch: 10, maxInFlight: 1, key: String });
    const results = await Promise.allSettled([12, 13, 14].map((i) => batch.run(i)));
    expect(results.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 24 });
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('failed for 13');
    expect(r.batches).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('fails the items of a statement that answers the wrong number of rows', async () => {
    const batch = new MicroBatch(async (items: number[]) => items.slice(1), {
      maxBatch: 10,
      maxInFlight: 1,
      key: String,
    });
    await expect(batch.run(1)).rejects.toThrow('a batch of 1 got 0 answers');
  });
});
