import type { Logger } from "pino";
import type { ZaloEvent } from "../zalo/events.js";
import type { FromIngest, IngestData, StoreItem, ToIngest } from "./messages.js";
import { StoreGate } from "./store-gate.js";
import { WorkerHost } from "./worker-host.js";

type Outcome = number | null | Error;

/**
 * The webhook's durable store, in a thread that does nothing else (the courier of RapidPro's courier
 * and mailroom): a webhook answer waits for its own commit only, never for handler work, and a thread
 * that mostly sleeps is scheduled promptly when events arrive.
 */
export class IngestThread {
  private readonly host: WorkerHost<ToIngest, FromIngest>;
  private readonly pending = new Map<number, (outcome: Outcome) => void>();
  private batch: StoreItem[] = [];
  private seq = 0;
  /** Shared with the ingest and processing threads. */
  readonly gate = new StoreGate();

  /** @param onStored called after a commit that stored at least one new event */
  constructor(
    data: Omit<IngestData, "storeGate">,
    log: Logger,
    private readonly onStored: () => void,
  ) {
    this.host = new WorkerHost("ingest", "ingest-entry", () => ({ ...data, storeGate: this.gate.buffer }), log, {
      message: (m) => this.onMessage(m),
      exit: () => {
        // Batches lost with the thread: their requests get 503 and Zalo delivers them again.
        this.gate.reset();
        for (const seq of [...this.pending.keys()]) this.settle(seq, new Error("ingest thread exited"));
      },
    });
  }

  start(): Promise<void> {
    return this.host.start();
  }

  /** Stores a webhook event durably; resolves with its inbox id, or null for a redelivery. */
  store(event: ZaloEvent, raw: string): Promise<number | null> {
    if (!this.host.running) return Promise.reject(new Error("ingest thread is not running"));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)));
      // Only the key crosses to the thread: copying the whole parsed body would cost both threads.
      this.batch.push({ seq, event: { name: event.name, userId: event.userId, timestamp: event.timestamp, msgId: event.msgId }, raw });
      // Requests read in the same turn of the event loop travel together.
      if (this.batch.length === 1) setImmediate(() => this.send());
    });
  }

  /** Answers the stores under way, then stops the thread. */
  stop(): Promise<void> {
    if (this.batch.length) this.send();
    return this.host.stop();
  }

  private send(): void {
    const items = this.batch;
    if (!items.length) return;
    this.batch = [];
    // Counted before posting: the processing thread's handlers see it and give way.
    this.gate.enter();
    if (this.host.post({ type: "store", items })) return;
    this.gate.leave();
    for (const { seq } of items) this.settle(seq, new Error("ingest thread is not running"));
  }

  private onMessage(m: FromIngest): void {
    if (m.type === "stored") {
      m.seqs.forEach((seq, i) => this.settle(seq, m.ids[i] ?? null));
      if (m.ids.some((id) => id !== null)) this.onStored();
    } else if (m.type === "store-failed") {
      for (const seq of m.seqs) this.settle(seq, new Error(m.message));
    }
  }

  private settle(seq: number, outcome: Outcome): void {
    const answer = this.pending.get(seq);
    if (!answer) return;
    this.pending.delete(seq);
    answer(outcome);
  }
}
