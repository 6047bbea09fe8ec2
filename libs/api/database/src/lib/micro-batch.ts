interface Waiting<I, O> {
  item: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

export interface MicroBatchOptions<I> {
  /** Most items in one statement. */
  maxBatch: number;
  /** Most statements in flight at once (each holds a pool connection). */
  maxInFlight: number;
  /** Items with the same key never share a batch (a statement touches a row once). */
  key: (item: I) => string;
}

/**
 * Group commit in the application: requests that arrive while earlier statements are in flight
 * wait and go to the database together, one statement and one commit for many. A lone request
 * still goes at once (on the next turn of the event loop). If a batch fails, its items are
 * retried one by one, so one bad item fails alone and the rest are answered.
 *
 * `execute` answers each item in order (same length as its input).
 */
export class MicroBatch<I, O> {
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly execute: (items: I[]) => Promise<O[]>,
    private readonly options: MicroBatchOptions<I>,
  ) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.options.maxInFlight)
      return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch: Waiting<I, O>[] = [];
      const rest: Waiting<I, O>[] = [];
      const keys = new Set<string>();
      for (const waiting of this.queue) {
        const key = this.options.key(waiting.item);
        if (batch.length < this.options.maxBatch && !keys.has(key)) {
          keys.add(key);
          batch.push(waiting);
        } else rest.push(waiting);
      }
      this.queue = rest;
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async send(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outputs = await this.execute(batch.map((w) => w.item));
      if (outputs.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} got ${outputs.length} answers`);
      }
      batch.forEach((w, i) => w.resolve(outputs[i] as O));
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      for (const waiting of batch) await this.send([waiting]);
    }
  }
}
