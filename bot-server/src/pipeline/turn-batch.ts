/**
 * Gathers the items added in one turn of the event loop and runs them as one batch: under load one
 * commit (one fsync) or one message between threads serves dozens of webhook requests. Each caller gets
 * the result for its own item; a batch that fails fails each of its callers.
 */
export class TurnBatch<T, R> {
  private items: { item: T; resolve: (result: R) => void; reject: (err: unknown) => void }[] = [];

  /** @param run handles a batch; results in the order of the items */
  constructor(private readonly run: (items: T[]) => R[] | Promise<R[]>) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.items.push({ item, resolve, reject });
      if (this.items.length === 1) setImmediate(() => void this.flush());
    });
  }

  /** Runs what has been gathered now, without waiting for the end of the turn. */
  async flush(): Promise<void> {
    const batch = this.items;
    if (!batch.length) return;
    this.items = [];
    try {
      const results = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i] as R));
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
