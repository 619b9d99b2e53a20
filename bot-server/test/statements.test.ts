import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sql } from "../src/db/statements.js";
import { migrate } from "../src/db/migrate.js";
import { openSqlite } from "../src/db/open.js";
import { SqliteStore } from "../src/db/sqlite-store.js";
import { tempDbPath } from "../../test/support/database.js";

describe("prepared statement cache", () => {
  it("prepares once, and one caller's pluck() does not leak into another's get()", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (7)");
    const q = "SELECT a FROM t";
    expect(sql(db, q)).toBe(sql(db, q));
    expect(sql(db, q).pluck().get()).toBe(7);
    expect(sql(db, q).get()).toEqual({ a: 7 });
  });
});

describe("durable commits", () => {
  it("commits with synchronous=FULL and restores the connection's NORMAL default", async () => {
    // SQLite's own setting: this test is about the SQLite file, on both passes.
    const db = openSqlite(tempDbPath(), { synchronous: "NORMAL" });
    const store = new SqliteStore(db);
    await migrate(store);
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    let inside = -1;
    await store.transaction(
      async () => {
        inside = db.pragma("synchronous", { simple: true }) as number;
        await store.run("INSERT INTO sim_users (user_id, display_name, created_at) VALUES ('1', 'a', '')");
      },
      { durable: true },
    );
    expect(inside).toBe(2);
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    await expect(
      store.transaction(
        async () => {
          throw new Error("boom");
        },
        { durable: true },
      ),
    ).rejects.toThrow("boom");
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    expect(await store.value("SELECT COUNT(*) FROM sim_users")).toBe(1);
    await store.close();
  });
});
