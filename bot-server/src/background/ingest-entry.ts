// Entry point of the ingest thread: stores the webhook events that the HTTP thread verified, each batch
// in one durable commit, and answers. Nothing else runs here, so nothing delays those commits.
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../clock.js";
import { openStore } from "../db/open.js";
import { createLogger } from "../log.js";
import { Inbox, type IncomingEvent } from "../pipeline/inbox.js";
import type { FromIngest, IngestData, ToIngest } from "./messages.js";
import { StoreGate } from "../pipeline/store-gate.js";

const { config, storeGate } = workerData as IngestData;
const gate = new StoreGate(storeGate);
const log = createLogger(config.LOG_LEVEL).child({ thread: "ingest" });
// SQLite: every commit here is fsynced (FULL); checkpoints are left to the processing thread. Its own
// busy wait sleeps 1, 2, 5, 10 … ms between tries; the processing thread gives the lock up after the
// event in hand once it sees the gate busy, so this thread retries every 0.1 ms instead.
const store = await openStore(config, { autoCheckpoint: false, busyTimeoutMs: 0 });
const inbox = new Inbox(store, systemClock);
const nap = new Int32Array(new SharedArrayBuffer(4));
async function storeSoon(items: IncomingEvent[]): Promise<(number | null)[]> {
  const deadline = performance.now() + 5_000;
  for (;;) {
    try {
      return await inbox.storeAll(items);
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_BUSY" || performance.now() > deadline) throw err;
      Atomics.wait(nap, 0, 0, 0.1);
    }
  }
}
const post = (m: FromIngest) => parentPort!.postMessage(m);

parentPort!.on("message", (m: ToIngest) => void handle(m));

async function handle(m: ToIngest): Promise<void> {
  if (m.type === "stop") {
    await store.close();
    parentPort!.close();
    return;
  }
  let answer: FromIngest;
  try {
    answer = { type: "stored", batch: m.batch, ids: await storeSoon(m.items) };
  } catch (err) {
    log.error({ err, events: m.items.length }, "ingest: could not store events");
    answer = { type: "store-failed", batch: m.batch, message: String(err) };
  }
  // The commit is over (or failed): the lock is free for the background writers before anyone hears back.
  gate.leave();
  post(answer);
}
post({ type: "ready" });
