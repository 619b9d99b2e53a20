import type { Logger } from "pino";
import type { ZaloEvent } from "../zalo/events.js";
import type { IncomingEvent } from "../pipeline/inbox.js";
import { TurnBatch } from "../pipeline/turn-batch.js";
import type { FromIngest, IngestData, ToIngest } from "./messages.js";
import { StoreGate } from "../pipeline/store-gate.js";
import { WorkerHost } from "./worker-host.js";

type Ids = (number | null)[];

/**
 * The webhook's durable store, in a thread that does nothing else (the courier of RapidPro's courier
 * and mailroom): a webhook answer waits for its own commit only, never for handler work, and a thread
 * that mostly sleeps is scheduled promptly when events arrive.
 */
export class IngestThread {
  private readonly host: WorkerHost<ToIngest, FromIngest>;
  /** Requests read in the same turn of the event loop travel together, as one message. */
  private readonly batches = new TurnBatch((items: IncomingEvent[]) => this.send(items));
  private readonly pending = new Map<number, { resolve: (ids: Ids) => void; reject: (err: Error) => void }>();
  private lastBatch = 0;
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
        for (const p of this.pending.values()) p.reject(new Error("ingest thread exited"));
        this.pending.clear();
      },
    });
  }

  start(): Promise<void> {
    return this.host.start();
  }

  /** Stores a webhook event durably; resolves with its inbox id, or null for a redelivery. */
  store(event: ZaloEvent, raw: string): Promise<number | null> {
    if (!this.host.running) return Promise.reject(new Error("ingest thread is not running"));
    // Only the key crosses to the thread: copying the whole parsed body would cost both threads.
    return this.batches.add({ event: { name: event.name, userId: event.userId, timestamp: event.timestamp, msgId: event.msgId }, raw });
  }

  /** Answers the stores under way, then stops the thread. */
  stop(): Promise<void> {
    void this.batches.flush();
    return this.host.stop();
  }

  private send(items: IncomingEvent[]): Promise<Ids> {
    return new Promise((resolve, reject) => {
      const batch = ++this.lastBatch;
      // Counted before posting: the processing thread's handlers see it and give way.
      this.gate.enter();
      if (!this.host.post({ type: "store", batch, items })) {
        this.gate.leave();
        reject(new Error("ingest thread is not running"));
        return;
      }
      this.pending.set(batch, { resolve, reject });
    });
  }

  private onMessage(m: FromIngest): void {
    if (m.type === "ready") return;
    const p = this.pending.get(m.batch);
    if (!p) return;
    this.pending.delete(m.batch);
    if (m.type === "store-failed") return p.reject(new Error(m.message));
    p.resolve(m.ids);
    if (m.ids.some((id) => id !== null)) this.onStored();
  }
}
