import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/open.js";
import { migrate, readMigrations } from "../src/db/migrate.js";
import { tempDbPath } from "../../test/support/server.js";

describe("database", () => {
  it("opens in WAL mode with foreign keys and a busy timeout", () => {
    const db = openDatabase(tempDbPath());
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    db.close();
  });

  it("applies migrations once: running them again changes nothing", () => {
    const path = tempDbPath();
    const first = openDatabase(path);
    const versions = first.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all();
    expect(versions).toEqual(readMigrations().map((m) => m.version));
    first.prepare("INSERT INTO learners (zalo_user_id, created_at, updated_at) VALUES ('1', '', '')").run();
    expect(migrate(first)).toEqual([]);
    first.close();
    const second = openDatabase(path);
    expect(second.prepare("SELECT COUNT(*) FROM learners").pluck().get()).toBe(1);
    second.close();
  });

  it("rolls back a failing migration completely and applies nothing after it", () => {
    const dir = mkdtempSync(join(tmpdir(), "kns-mig-"));
    writeFileSync(join(dir, "001_ok.sql"), "CREATE TABLE a (x TEXT);");
    writeFileSync(join(dir, "002_broken.sql"), "CREATE TABLE b (x TEXT); INSERT INTO nope VALUES (1);");
    writeFileSync(join(dir, "003_later.sql"), "CREATE TABLE c (x TEXT);");
    const db = new Database(":memory:");
    expect(() => migrate(db, readMigrations(dir + "/"))).toThrow(/nope/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(["a", "schema_migrations"]);
  });

  it("stores Zalo ids and timestamps as TEXT", () => {
    const db = openDatabase(tempDbPath());
    const cols = db.prepare("SELECT name, type FROM pragma_table_info('inbox')").all() as { name: string; type: string }[];
    expect(cols.find((c) => c.name === "user_id")?.type).toBe("TEXT");
    expect(cols.find((c) => c.name === "received_at")?.type).toBe("TEXT");
    db.close();
  });
});
