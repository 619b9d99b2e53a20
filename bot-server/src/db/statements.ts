import type Database from "better-sqlite3";

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Prepared once per connection and SQL text: preparing is costly, running a prepared statement is not.
 * A cached statement is shared, so its row mode is reset each time: one caller's `.pluck()` must not
 * change what another caller's `.get()` returns.
 */
export function sql(db: Database.Database, text: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = db.prepare(text)));
  if (stmt.reader) stmt.pluck(false);
  return stmt;
}
