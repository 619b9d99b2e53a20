// Entry point of the processing thread: the one connection that writes events and messages, the inbox
// worker and the dispatcher. The HTTP thread verifies webhook events and hands them over to be stored.
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../clock.js";
import { openDatabase } from "../db/open.js";
import { createLogger } from "../log.js";
import { loadContent } from "../../../content/src/index.js";
import type { FromThread, ThreadData, ToThread } from "./messages.js";
import { createProcessing } from "./processing.js";

const { config, apiBase, simulator, storesWaiting: waitingBuffer } = workerData as ThreadData;
// Batches of webhook events posted by the HTTP thread and not yet received here.
const storesWaiting = new Int32Array(waitingBuffer);
const log = createLogger(config.LOG_LEVEL).child({ thread: "processing" });
// NORMAL by default; ingest and claim commits are made durable explicitly (see db/durable.ts).
const db = openDatabase(config.DATABASE_PATH, { synchronous: "NORMAL" });
const processing = createProcessing({
  db,
  config,
  clock: systemClock,
  log,
  apiBase,
  simulator,
  content: loadContent(),
  // A webhook request waits for its event to be stored: handlers give way to it between two events.
  storesWaiting: () => Atomics.load(storesWaiting, 0) > 0,
});
const post = (m: FromThread) => parentPort!.postMessage(m);
processing.start();

parentPort!.on("message", (m: ToThread) => {
  switch (m.type) {
    case "store": {
      Atomics.sub(storesWaiting, 0, 1);
      const seqs = m.items.map((item) => item.seq);
      let ids: (number | null)[];
      try {
        ids = processing.inbox.storeAll(m.items);
      } catch (err) {
        post({ type: "store-failed", seqs, message: String(err) });
        break;
      }
      post({ type: "stored", seqs, ids });
      break;
    }
    case "outbox":
      processing.dispatcher.wake();
      break;
    case "stop":
      void processing.stop().then(() => {
        db.close();
        parentPort!.close();
      });
      break;
  }
});
post({ type: "ready" });
