import type { Config } from "../config.js";
import type { ZaloEvent } from "../zalo/events.js";

export interface ThreadData {
  config: Config;
  apiBase: string;
  simulator: boolean;
  /** Int32 counter shared by both threads: store batches posted and not yet received by the thread. */
  storesWaiting: SharedArrayBuffer;
}

/** One webhook event handed over to be stored; `seq` pairs it with its answer. */
export interface StoreItem {
  seq: number;
  event: ZaloEvent;
  raw: string;
}

/**
 * HTTP thread → processing thread. Events travel in batches, one message per turn of the sender's
 * event loop: under load one wake-up carries dozens of events instead of one each.
 */
export type ToThread =
  | { type: "store"; items: StoreItem[] } // store durably (one commit), then answer
  | { type: "outbox" } // new outbox rows were written by the HTTP thread
  | { type: "stop" }; // finish what is under way and exit

/** Processing thread → HTTP thread. */
export type FromThread =
  | { type: "ready" }
  | { type: "stored"; seqs: number[]; ids: (number | null)[] } // ids[i] answers seqs[i]; null: a redelivery
  | { type: "store-failed"; seqs: number[]; message: string };
