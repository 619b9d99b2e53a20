import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Config } from "../config.js";
import { migrate } from "./migrate.js";
import { PostgresStore } from "./postgres-store.js";
import { SqliteStore } from "./sqlite-store.js";
import type { Store } from "./store.js";

/** Connection settings (PostgreSQL takes `synchronous` only: NORMAL is synchronous_commit off). */
export interface OpenOptions {
  /**
   * Let this connection's commits run WAL checkpoints (SQLite's default). The HTTP and ingest threads
   * turn it off so a checkpoint never delays a webhook answer; the processing thread checkpoints instead.
   */
  autoCheckpoint?: boolean;
  /**
   * FULL (default): every commit is fsynced. NORMAL: commits survive a process crash but a power cut may
   * undo the last ones; the processing thread uses it and asks for durable commits where they matter.
   */
  synchronous?: "FULL" | "NORMAL";
  /** Milliseconds a statement waits for another connection's write lock (default 5000). */
  busyTimeoutMs?: number;
}

/**
 * Opens the store the configuration names, PostgreSQL with DATABASE_URL or else the SQLite file at
 * DATABASE_PATH, and brings its schema up to date.
 */
export async function openStore(config: Pick<Config, "DATABASE_PATH" | "DATABASE_URL" | "DATABASE_POOL_SIZE">, options: OpenOptions = {}): Promise<Store> {
  const store = config.DATABASE_URL
    ? PostgresStore.connect(config.DATABASE_URL, config.DATABASE_POOL_SIZE, options.synchronous)
    : new SqliteStore(openSqlite(config.DATABASE_PATH, options));
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/** The SQLite file with the settings every part relies on (the schema is migrate's job). */
export function openSqlite(path: string, options: OpenOptions = {}): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma("foreign_keys = ON");
  if (options.autoCheckpoint === false) db.pragma("wal_autocheckpoint = 0");
  return db;
}
