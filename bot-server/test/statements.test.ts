import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sql } from "../src/db/statements.js";
import { durably } from "../src/db/durable.js";
import { openDatabase } from "../src/db/open.js";
import { tempDbPath } from "../../test/support/server.js";

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
  it("commits with synchronous=FULL and restores the connection's NORMAL default", () => {
    const db = openDatabase(tempDbPath(), { synchronous: "NORMAL" });
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    let inside = -1;
    durably(db, () => {
      inside = db.pragma("synchronous", { simple: true }) as number;
      db.prepare("INSERT INTO sim_users (user_id, display_name, created_at) VALUES ('1', 'a', '')").run();
    });
    expect(inside).toBe(2);
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    expect(() => durably(db, () => { throw new Error("boom"); })).toThrow("boom");
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    expect(db.prepare("SELECT COUNT(*) FROM sim_users").pluck().get()).toBe(1);
  });
});
