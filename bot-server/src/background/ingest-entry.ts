// Entry point of the ingest thread: stores the webhook events that the HTTP thread verified, each batch
// in one durable commit, and answers. Nothing else runs here, so nothing delays those commits.
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../clock.js";
import { openDatabase } from "../db/open.js";
import { createLogger } from "../log.js";
import { Inbox } from "../zalo/inbox.js";
import type { FromIngest, IngestData, ToIngest } from "./messages.js";

const { config, storesWaiting } = workerData as IngestData;
const waiting = new Int32Array(storesWaiting);
const log = createLogger(config.LOG_LEVEL).child({ thread: "ingest" });
// Every commit here is fsynced (FULL); checkpoints are left to the processing thread.
const db = openDatabase(config.DATABASE_PATH, { autoCheckpoint: false });
const inbox = new Inbox(db, systemClock);
// SQLite's own busy wait sleeps 1, 2, 5, 10 … ms between tries; the processing thread gives the lock up
// within about a millisecond of seeing `waiting`, so this thread retries every 0.1 ms instead.
db.pragma("busy_timeout = 0");
const nap = new Int32Array(new SharedArrayBuffer(4));
function storeSoon(items: Parameters<Inbox["storeAll"]>[0]): (number | null)[] {
  const deadline = performance.now() + 5_000;
  for (;;) {
    try {
      return inbox.storeAll(items);
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_BUSY" || performance.now() > deadline) throw err;
      Atomics.wait(nap, 0, 0, 0.1);
    }
  }
}
const post = (m: FromIngest) => parentPort!.postMessage(m);

parentPort!.on("message", (m: ToIngest) => {
  if (m.type === "stop") {
    db.close();
    parentPort!.close();
    return;
  }
  const seqs = m.items.map((item) => item.seq);
  try {
    post({ type: "stored", seqs, ids: storeSoon(m.items) });
  } catch (err) {
    log.error({ err: String(err), events: seqs.length }, "ingest: could not store events");
    post({ type: "store-failed", seqs, message: String(err) });
  } finally {
    Atomics.sub(waiting, 0, 1);
  }
});
post({ type: "ready" });
