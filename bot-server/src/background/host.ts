import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { ZaloEvent } from "../zalo/events.js";
import type { FromThread, StoreItem, ThreadData } from "./messages.js";

/**
 * Runs the processing stages in a worker thread that is also the single writer of webhook events:
 * handling a burst of events never delays the webhook's answers, both cores work, and two connections
 * never wait on each other's write lock. A thread that dies is restarted; its work is all in SQLite.
 */
export class ProcessingThread {
  private worker: Worker | null = null;
  private stopping = false;
  private restarts = 0;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (id: number | null) => void; reject: (err: Error) => void }>();
  private batch: StoreItem[] = [];
  /** Shared with the current thread: store batches posted to it and not yet received. */
  private storesWaiting = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly data: Omit<ThreadData, "storesWaiting">,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    // Running from TypeScript sources (tsx): boot through tsx; compiled JavaScript loads thread.js.
    const entry = import.meta.url.endsWith(".ts") ? "./thread-boot.mjs" : "./thread.js";
    // A fresh counter per thread: batches lost with a thread that died are not waiting for the next one.
    this.storesWaiting = new Int32Array(new SharedArrayBuffer(4));
    const workerData: ThreadData = { ...this.data, storesWaiting: this.storesWaiting.buffer };
    const worker = new Worker(new URL(entry, import.meta.url), { workerData });
    this.worker = worker;
    worker.on("message", (m: FromThread) => this.onMessage(m));
    worker.on("error", (err) => this.log.error({ err: String(err) }, "processing thread failed"));
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      // Events handed over but not confirmed: the webhook answers 503 and Zalo delivers them again.
      for (const p of this.pending.values()) p.reject(new Error("processing thread exited"));
      this.pending.clear();
      if (this.stopping) return;
      const delay = Math.min(30_000, 500 * 2 ** this.restarts++);
      this.log.error({ code, delay }, "processing thread exited; restarting");
      setTimeout(() => void this.start().catch((err) => this.log.error({ err: String(err) }, "restart failed")), delay);
    });
    await new Promise<void>((resolve, reject) => {
      const ready = (m: FromThread) => {
        if (m.type !== "ready") return;
        worker.off("message", ready);
        resolve();
      };
      worker.on("message", ready);
      worker.once("error", reject);
    });
    this.restarts = 0;
  }

  /** Stores a webhook event durably (in the thread); resolves with its id, or null for a duplicate. */
  store(event: ZaloEvent, raw: string): Promise<number | null> {
    if (!this.worker) return Promise.reject(new Error("processing thread is not running"));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.batch.push({ seq, event, raw });
      // Requests read in the same turn of the event loop travel together.
      if (this.batch.length === 1) setImmediate(() => this.send());
    });
  }

  private send(): void {
    const items = this.batch;
    this.batch = [];
    if (this.worker) {
      // Counted before posting: the thread's handlers see it and give way at their next event.
      Atomics.add(this.storesWaiting, 0, 1);
      this.worker.postMessage({ type: "store", items });
    }
    else for (const { seq } of items) this.settle(seq, new Error("processing thread is not running"));
  }

  /** The HTTP thread queued outgoing messages. */
  notifyOutbox(): void {
    this.worker?.postMessage({ type: "outbox" });
  }

  /** Lets the thread finish the sends under way, then waits for it to exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.once("exit", () => resolve());
      worker.postMessage({ type: "stop" });
    });
  }

  private onMessage(m: FromThread): void {
    if (m.type === "ready") return;
    if (m.type === "stored") m.seqs.forEach((seq, i) => this.settle(seq, m.ids[i] ?? null));
    else for (const seq of m.seqs) this.settle(seq, new Error(m.message));
  }

  private settle(seq: number, outcome: number | null | Error): void {
    const p = this.pending.get(seq);
    if (!p) return;
    this.pending.delete(seq);
    if (outcome instanceof Error) p.reject(outcome);
    else p.resolve(outcome);
  }
}
