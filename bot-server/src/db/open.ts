import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrate } from "./migrate.js";

export type Db = Database.Database;

/** Opens the SQLite file with the settings every part relies on and brings the schema up to date. */
export interface OpenOptions {
  /**
   * Let this connection's commits run WAL checkpoints (SQLite's default). The HTTP and ingest threads
   * turn it off so a checkpoint never delays a webhook answer; the processing thread checkpoints instead.
   */
  autoCheckpoint?: boolean;
  /**
   * FULL (default): every commit is fsynced. NORMAL: commits survive a process crash but a power cut may
   * undo the last ones; the processing thread uses it and makes the commits that matter durable with
   * `durably()`.
   */
  synchronous?: "FULL" | "NORMAL";
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  if (options.autoCheckpoint === false) db.pragma("wal_autocheckpoint = 0");
  migrate(db);
  return db;
}
