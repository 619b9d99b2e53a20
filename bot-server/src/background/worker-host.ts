import { Worker } from "node:worker_threads";
import type { Logger } from "pino";

export interface WorkerEvents<Out> {
  message(m: Out): void;
  /** The thread is gone (crashed or stopped): whatever it was asked and did not answer never will be. */
  exit(): void;
}

/**
 * One background thread of this process: started from its entry module, restarted with backoff when it
 * dies (its work is all in SQLite), and stopped on request once it has finished what is under way.
 * The entry posts `{ type: "ready" }` once it can take work and exits after `{ type: "stop" }`.
 */
export class WorkerHost<In, Out extends { type: string }> {
  private worker: Worker | null = null;
  private stopping = false;
  private restarts = 0;

  /**
   * @param entry the entry module's name in this folder, without extension ("ingest-entry")
   * @param data  the thread's workerData, built anew for each start
   */
  constructor(
    private readonly name: string,
    private readonly entry: string,
    private readonly data: () => Record<string, unknown>,
    private readonly log: Logger,
    private readonly events: WorkerEvents<Out>,
  ) {}

  get running(): boolean {
    return this.worker !== null;
  }

  async start(): Promise<void> {
    // From TypeScript sources (tsx) the thread boots through tsx's loader; compiled, it loads the .js.
    const fromSources = import.meta.url.endsWith(".ts");
    const entry = new URL(`./${this.entry}.${fromSources ? "ts" : "js"}`, import.meta.url);
    const worker = fromSources
      ? new Worker(new URL("./thread-boot.mjs", import.meta.url), { workerData: { ...this.data(), entry: entry.href } })
      : new Worker(entry, { workerData: this.data() });
    this.worker = worker;
    worker.on("message", (m: Out) => {
      if (m.type !== "ready") this.events.message(m);
    });
    worker.on("error", (err) => this.log.error({ err }, `${this.name} thread failed`));
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.events.exit();
      if (this.stopping) return;
      const delay = Math.min(30_000, 500 * 2 ** this.restarts++);
      this.log.error({ code, delay }, `${this.name} thread exited; restarting`);
      setTimeout(() => void this.start().catch((err) => this.log.error({ err }, `${this.name} thread: restart failed`)), delay);
    });
    await new Promise<void>((resolve, reject) => {
      const ready = (m: Out) => {
        if (m.type !== "ready") return;
        worker.off("message", ready);
        resolve();
      };
      worker.on("message", ready);
      worker.once("error", reject);
    });
    this.restarts = 0;
  }

  /** Sends a message to the thread; false when it is not running (crashed, restarting or stopped). */
  post(m: In): boolean {
    if (!this.worker) return false;
    this.worker.postMessage(m);
    return true;
  }

  /** Asks the thread to finish what is under way and waits for it to exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.once("exit", () => resolve());
      worker.postMessage({ type: "stop" });
    });
  }
}
