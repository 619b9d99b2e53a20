import type { Config } from "../config.js";
import type { EventKey } from "../zalo/events.js";

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

/** One webhook event handed over to be stored (its key, not the parsed body); `seq` pairs it with its answer. */
export interface StoreItem {
  seq: number;
  event: EventKey;
  raw: string;
}

type Ready = { type: "ready" };
type Stop = { type: "stop" }; // finish what is under way and exit

/**
 * HTTP thread → ingest thread. Events travel in batches, one message per turn of the sender's event
 * loop: under load one wake-up carries dozens of events instead of one each.
 */
export type ToIngest = { type: "store"; items: StoreItem[] } | Stop;

/** Ingest thread → HTTP thread. */
export type FromIngest =
  | Ready
  | { type: "stored"; seqs: number[]; ids: (number | null)[] } // ids[i] answers seqs[i]; null: a redelivery
  | { type: "store-failed"; seqs: number[]; message: string };

/** HTTP thread → processing thread: new rows were written by another connection. */
export type ToProcessing = { type: "inbox" } | { type: "outbox" } | Stop;

export type FromProcessing = Ready;
