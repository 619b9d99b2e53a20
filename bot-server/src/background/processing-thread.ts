import type { Logger } from "pino";
import type { FromProcessing, ProcessingData, ToProcessing } from "./messages.js";
import { WorkerHost } from "./worker-host.js";

/**
 * The stages after the webhook (inbox worker, dispatcher, scheduler) in a thread of their own, with
 * their own SQLite connection: a burst of handler work never holds up the HTTP thread, and both cores work.
 */
export class ProcessingThread {
  private readonly host: WorkerHost<ToProcessing, FromProcessing>;

  constructor(data: ProcessingData, log: Logger) {
    this.host = new WorkerHost("processing", "processing-entry", () => ({ ...data }), log, { message: () => {}, exit: () => {} });
  }

  start(): Promise<void> {
    return this.host.start();
  }

  /** Events were stored by the ingest thread. */
  notifyInbox(): void {
    this.host.post({ type: "inbox" });
  }

  /** The HTTP thread queued outgoing messages. */
  notifyOutbox(): void {
    this.host.post({ type: "outbox" });
  }

  /** Lets the thread finish the handlers and sends under way, then waits for it to exit. */
  stop(): Promise<void> {
    return this.host.stop();
  }
}
