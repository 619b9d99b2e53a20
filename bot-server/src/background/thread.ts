// Entry point of the processing thread: the one connection that writes events and messages, the inbox
// worker and the dispatcher. The HTTP thread verifies webhook events and hands them over to be stored.
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../clock.js";
import { openDatabase } from "../db/open.js";
import { createLogger } from "../log.js";
import { loadContent } from "../../../content/src/index.js";
import type { FromThread, ThreadData, ToThread } from "./messages.js";
import { createProcessing } from "./processing.js";

const { config, apiBase, simulator } = workerData as ThreadData;
const log = createLogger(config.LOG_LEVEL).child({ thread: "processing" });
// NORMAL by default; ingest and claim commits are made durable explicitly (see db/durable.ts).
const db = openDatabase(config.DATABASE_PATH, { synchronous: "NORMAL" });
const processing = createProcessing({ db, config, clock: systemClock, log, apiBase, simulator, content: loadContent() });
const post = (m: FromThread) => parentPort!.postMessage(m);
processing.start();

parentPort!.on("message", (m: ToThread) => {
  switch (m.type) {
    case "store":
      processing.inbox.store(m.event, m.raw).then(
        (id) => post({ type: "stored", seq: m.seq, id }),
        (err: unknown) => post({ type: "store-failed", seq: m.seq, message: String(err) }),
      );
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
