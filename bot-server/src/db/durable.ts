import type Database from "better-sqlite3";

/**
 * Runs `fn` in an IMMEDIATE transaction whose commit is fsynced (synchronous=FULL), whatever the
 * connection's default. In WAL mode that one fsync also makes every earlier commit durable, because the
 * log is append-only. Used where a power cut must not undo what we then act on: a webhook event before
 * Zalo gets its 200, an outbox claim before the HTTP call.
 */
export function durably<T>(db: Database.Database, fn: () => T): T {
  const previous = db.pragma("synchronous", { simple: true }) as number;
  if (previous >= 2) return db.transaction(fn).immediate();
  db.pragma("synchronous = FULL");
  try {
    return db.transaction(fn).immediate();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}
