import type { Config } from "../config.js";
import type { ZaloEvent } from "../zalo/events.js";

export interface ThreadData {
  config: Config;
  apiBase: string;
  simulator: boolean;
}

/** HTTP thread → processing thread. */
export type ToThread =
  | { type: "store"; seq: number; event: ZaloEvent; raw: string } // store durably, then answer
  | { type: "outbox" } // new outbox rows were written by the HTTP thread
  | { type: "stop" }; // finish what is under way and exit

/** Processing thread → HTTP thread. */
export type FromThread =
  | { type: "ready" }
  | { type: "stored"; seq: number; id: number | null }
  | { type: "store-failed"; seq: number; message: string };
