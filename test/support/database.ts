import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../bot-server/src/config.js";
import { openSqlite, openStore } from "../../bot-server/src/db/open.js";
import { PostgresStore } from "../../bot-server/src/db/postgres-store.js";
import { SqliteStore } from "../../bot-server/src/db/sqlite-store.js";
import type { Store } from "../../bot-server/src/db/store.js";

/**
 * Which store the suite runs on. `npm test` uses SQLite files; with KNS_TEST_POSTGRES_URL set (the
 * second pass of .ci/run: `npm run test:postgres`) every test gets a fresh schema of that database.
 */
export const POSTGRES_URL = process.env.KNS_TEST_POSTGRES_URL;
export const onPostgres = POSTGRES_URL !== undefined && POSTGRES_URL !== "";

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), "kns-")), "test.db");
}

/**
 * A new, empty database for one server or fixture: a temporary SQLite file, or a PostgreSQL schema of
 * its own (named in the URL's search_path; the store creates it on first use).
 */
export function freshDatabaseEnv(): Record<string, string> {
  if (!onPostgres) return { DATABASE_PATH: tempDbPath() };
  const url = new URL(POSTGRES_URL!);
  url.searchParams.set("options", `-c search_path=t_${randomBytes(6).toString("hex")}`);
  return { DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "4" };
}

/** A migrated store on a fresh database (repository-level tests), or on the one `env` names. */
export function openTestStore(env: Record<string, string> = freshDatabaseEnv()): Promise<Store> {
  return openStore(loadConfig({ LOG_LEVEL: "silent", ...env }));
}

/** A store on a fresh database with no schema at all, not even schema_migrations (migration tests). */
export function openEmptyStore(): Store {
  const env = freshDatabaseEnv();
  return env.DATABASE_URL ? PostgresStore.connect(env.DATABASE_URL, 2) : new SqliteStore(openSqlite(env.DATABASE_PATH!));
}

/** The settings of a server's environment that name its database: open the same one with them. */
export function databaseOf(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k === "DATABASE_PATH" || k === "DATABASE_URL" || k === "DATABASE_POOL_SIZE"));
}
