import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite } from "../src/db/open.js";
import { migrate, migrationsDir, readMigrations } from "../src/db/migrate.js";
import type { Store } from "../src/db/store.js";
import { freshDatabaseEnv, openEmptyStore, openTestStore } from "../../test/support/database.js";
import { tempDbPath } from "../../test/support/server.js";


/** The tables of the store's own schema, sorted by name. */
function tables(store: Store): Promise<string[]> {
  return store.dialect === "sqlite"
    ? store.column<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    : store.column<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name");
}

describe("database", () => {
  it("opens in WAL mode with foreign keys and a busy timeout", () => {
    const db = openSqlite(tempDbPath());
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    db.close();
  });

  it("keeps the SQLite and PostgreSQL migrations in step: the same versions and names in both folders", () => {
    const sqlite = readMigrations(migrationsDir("sqlite")).map((m) => [m.version, m.name]);
    const postgres = readMigrations(migrationsDir("postgres")).map((m) => [m.version, m.name]);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(postgres).toEqual(sqlite);
    // One file per version: two files numbered alike would leave the second unapplied.
    expect(new Set(sqlite.map(([version]) => version)).size).toBe(sqlite.length);
  });

  it("applies migrations once: running them again changes nothing", async () => {
    const env = freshDatabaseEnv();
    const first = await openTestStore(env);
    const versions = await first.column("SELECT version FROM schema_migrations ORDER BY version");
    expect(versions).toEqual(readMigrations(migrationsDir(first.dialect)).map((m) => m.version));
    await first.run("INSERT INTO learners (zalo_user_id, created_at, updated_at) VALUES ('1', '', '')");
    expect(await migrate(first)).toEqual([]);
    await first.close();
    const second = await openTestStore(env);
    expect(await second.value("SELECT COUNT(*) FROM learners")).toBe(1);
    await second.close();
  });

  it("rolls back a failing migration completely and applies nothing after it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kns-mig-"));
    writeFileSync(join(dir, "001_ok.sql"), "CREATE TABLE a (x TEXT);");
    writeFileSync(join(dir, "002_broken.sql"), "CREATE TABLE b (x TEXT); INSERT INTO nope VALUES (1);");
    writeFileSync(join(dir, "003_later.sql"), "CREATE TABLE c (x TEXT);");
    const store = openEmptyStore();
    try {
      await expect(migrate(store, readMigrations(dir + "/"))).rejects.toThrow(/nope/);
      expect(await tables(store)).toEqual(["a", "schema_migrations"]);
    } finally {
      await store.close();
    }
  });

  it("stores Zalo ids and timestamps as TEXT", async () => {
    const store = await openTestStore();
    const cols =
      store.dialect === "sqlite"
        ? await store.all<{ name: string; type: string }>("SELECT name, type FROM pragma_table_info('inbox')")
        : await store.all<{ name: string; type: string }>(
            "SELECT column_name AS name, upper(data_type) AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'inbox'",
          );
    expect(cols.find((c) => c.name === "user_id")?.type).toBe("TEXT");
    expect(cols.find((c) => c.name === "received_at")?.type).toBe("TEXT");
    await store.close();
  });
});
