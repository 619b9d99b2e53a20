// Entry point of the processing thread: the inbox worker, the dispatcher and the scheduler, on their own
// connection. The ingest thread stores webhook events; this thread handles them and sends the replies.
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../clock.js";
import { openStore } from "../db/open.js";
import { createLogger } from "../log.js";
import { loadContent } from "../../../content/src/index.js";
import type { FromProcessing, ProcessingData, ToProcessing } from "./messages.js";
import { createProcessing } from "./processing.js";
import { StoreGate } from "../pipeline/store-gate.js";

const { config, apiBase, simulator, storeGate } = workerData as ProcessingData;
const log = createLogger(config.LOG_LEVEL).child({ thread: "processing" });
// SQLite: NORMAL by default; the commits that matter ask to be durable (see db/store.ts).
const store = await openStore(config, { synchronous: "NORMAL" });
const processing = createProcessing({
  store,
  config,
  clock: systemClock,
  log,
  apiBase,
  simulator,
  content: loadContent(),
  // A shared store has no one-writer lock for webhook commits to wait on.
  storeGate: store.shared ? undefined : new StoreGate(storeGate),
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
      void processing
        .stop()
        .then(() => store.close())
        .finally(() => parentPort!.close());
      break;
  }
});
post({ type: "ready" });
