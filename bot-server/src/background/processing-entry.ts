// Entry point of the processing thread: the inbox worker, the dispatcher and the scheduler, on their own
// connection. The ingest thread stores webhook events; this thread handles them and sends the replies.
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../clock.js";
import { openDatabase } from "../db/open.js";
import { createLogger } from "../log.js";
import { loadContent } from "../../../content/src/index.js";
import type { FromProcessing, ProcessingData, ToProcessing } from "./messages.js";
import { createProcessing } from "./processing.js";
import { StoreGate } from "../pipeline/store-gate.js";

const { config, apiBase, simulator, storeGate } = workerData as ProcessingData;
const log = createLogger(config.LOG_LEVEL).child({ thread: "processing" });
// NORMAL by default; claim commits are made durable explicitly (see db/durable.ts).
const db = openDatabase(config.DATABASE_PATH, { synchronous: "NORMAL" });
const processing = createProcessing({
  db,
  config,
  clock: systemClock,
  log,
  apiBase,
  simulator,
  content: loadContent(),
  storeGate: new StoreGate(storeGate),
});
const post = (m: FromProcessing) => parentPort!.postMessage(m);
processing.start();

parentPort!.on("message", (m: ToProcessing) => {
  switch (m.type) {
    case "inbox":
      processing.inboxWorker.wake();
      break;
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
