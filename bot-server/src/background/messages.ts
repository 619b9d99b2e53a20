import type { Config } from "../config.js";
import type { IncomingEvent } from "../pipeline/inbox.js";

export interface ProcessingData {
  config: Config;
  apiBase: string;
  simulator: boolean;
  /** The shared memory of the StoreGate. */
  storeGate: SharedArrayBuffer;
}

export interface IngestData {
  config: Config;
  storeGate: SharedArrayBuffer;
}

type Ready = { type: "ready" };
type Stop = { type: "stop" }; // finish what is under way and exit

/**
 * HTTP thread → ingest thread. Events travel in batches, one message per turn of the sender's event
 * loop: under load one wake-up carries dozens of events instead of one each.
 */
export type ToIngest = { type: "store"; batch: number; items: IncomingEvent[] } | Stop;

/** Ingest thread → HTTP thread. */
export type FromIngest =
  | Ready
  | { type: "stored"; batch: number; ids: (number | null)[] } // ids[i] answers items[i]; null: a redelivery
  | { type: "store-failed"; batch: number; message: string };

/** HTTP thread → processing thread: new rows were written by another connection. */
export type ToProcessing = { type: "inbox" } | { type: "outbox" } | Stop;

export type FromProcessing = Ready;
