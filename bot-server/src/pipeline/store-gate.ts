/** What a background writer needs of the gate. */
export type WriterGate = Pick<StoreGate, "busy" | "clear">;

/**
 * Webhook batches being stored right now, counted in memory shared by the HTTP, ingest and processing
 * threads. A webhook answer waits for its batch's commit, which needs SQLite's write lock: background
 * writers (handlers, outbox claims) look at the gate and start nothing while it is busy.
 */
export class StoreGate {
  private readonly count: Int32Array<SharedArrayBuffer>;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.count = new Int32Array(buffer);
  }

  busy(): boolean {
    return Atomics.load(this.count, 0) > 0;
  }

  /** HTTP thread: a batch is on its way to the ingest thread. */
  enter(): void {
    Atomics.add(this.count, 0, 1);
  }

  /** Ingest thread: a batch is committed (or failed); writers waiting in `clear` look again. */
  leave(): void {
    Atomics.sub(this.count, 0, 1);
    Atomics.notify(this.count, 0);
  }

  /** The ingest thread died: the batches it held will never be stored. */
  reset(): void {
    Atomics.store(this.count, 0, 0);
    Atomics.notify(this.count, 0);
  }

  /**
   * Resolves when no batch is being stored, or after `maxMs` at most (never blocking the thread): under
   * a flood of events that never lets the gate clear, handlers still move, an event at a time.
   */
  async clear(maxMs = 5): Promise<void> {
    const end = performance.now() + maxMs;
    for (;;) {
      const seen = Atomics.load(this.count, 0);
      const left = end - performance.now();
      if (seen <= 0 || left <= 0) return;
      const wait = Atomics.waitAsync(this.count, 0, seen, left);
      if (wait.async) await wait.value;
    }
  }
}
