import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toPostgres, pgValues } from "../src/db/postgres-sql.js";
import { isUniqueViolation, type Store } from "../src/db/store.js";
import { onPostgres, openTestStore } from "../../test/support/database.js";

// The store seam, on whichever store the suite runs on (SQLite for npm test, PostgreSQL in CI's second pass).
describe(`store (${onPostgres ? "PostgreSQL" : "SQLite"})`, () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
    await store.exec(`CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
  });
  afterEach(() => store.close());

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const count = async () => (await store.value<number>(`SELECT COUNT(*) FROM t`))!;

  it("binds ? and @name parameters and reads rows, values and columns back", async () => {
    expect((await store.run(`INSERT INTO t (k, n) VALUES (?, ?), (?, ?)`, ["a", 1, "b", 2])).changes).toBe(2);
    await store.run(`INSERT INTO t (k, n) VALUES (@k, @n)`, { k: "Đà Nẵng 🌊", n: 3 });
    expect(await store.get(`SELECT k, n FROM t WHERE n = @n AND k = @k`, { k: "Đà Nẵng 🌊", n: 3 })).toEqual({ k: "Đà Nẵng 🌊", n: 3 });
    expect(await store.all(`SELECT k FROM t ORDER BY n`)).toEqual([{ k: "a" }, { k: "b" }, { k: "Đà Nẵng 🌊" }]);
    expect(await store.column<string>(`SELECT k FROM t WHERE n > ? ORDER BY k`, [1])).toEqual(["b", "Đà Nẵng 🌊"]);
    // COUNT(*) is a number on both stores (PostgreSQL's bigint would otherwise come back as a string).
    expect(await store.value(`SELECT COUNT(*) FROM t`)).toBe(3);
    expect(await store.value(`SELECT n FROM t WHERE k = ?`, ["none"])).toBeUndefined();
    expect(await store.get(`SELECT n FROM t WHERE k = ?`, ["none"])).toBeUndefined();
  });

  it("keeps a question mark inside quoted text as text", async () => {
    await store.run(`INSERT INTO t (k, n) VALUES ('what?', ?)`, [7]);
    expect(await store.value(`SELECT n FROM t WHERE k = 'what?' AND n = ?`, [7])).toBe(7);
  });

  it("commits a transaction's writes together, or none of them", async () => {
    await store.transaction(async () => {
      await store.run(`INSERT INTO t (k, n) VALUES ('a', 1)`);
      await store.run(`INSERT INTO t (k, n) VALUES ('b', 2)`);
    });
    await expect(
      store.transaction(async () => {
        await store.run(`INSERT INTO t (k, n) VALUES ('c', 3)`);
        throw new Error("handler broke");
      }),
    ).rejects.toThrow("handler broke");
    expect(await store.column(`SELECT k FROM t ORDER BY k`)).toEqual(["a", "b"]);
  });

  it("a nested transaction is a savepoint: its failure undoes only its own writes", async () => {
    const inner = await store.transaction(async () => {
      await store.run(`INSERT INTO t (k, n) VALUES ('outer', 1)`);
      try {
        await store.transaction(async () => {
          await store.run(`INSERT INTO t (k, n) VALUES ('inner', 2)`);
          await store.run(`INSERT INTO t (k, n) VALUES ('outer', 3)`); // duplicate key
        });
      } catch (err) {
        return isUniqueViolation(err);
      }
      return false;
    });
    expect(inner).toBe(true);
    expect(await store.column(`SELECT k FROM t`)).toEqual(["outer"]);
  });

  it("a transaction spans awaits; a statement from outside neither sees nor joins it", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = store.transaction(async () => {
      await store.run(`INSERT INTO t (k, n) VALUES ('inside', 1)`);
      await held; // real time passes: other work runs meanwhile
      throw new Error("rolled back");
    });
    await pause(20);
    const outside = store.run(`INSERT INTO t (k, n) VALUES ('outside', 2)`);
    const seen = store.column(`SELECT k FROM t ORDER BY k`);
    await pause(20);
    release();
    await expect(tx).rejects.toThrow("rolled back");
    await outside;
    // SQLite: the statements waited for the transaction, in order; PostgreSQL: other connections.
    expect(await seen).not.toContain("inside");
    if (!onPostgres) expect(await seen).toEqual(["outside"]);
    expect(await store.column(`SELECT k FROM t`)).toEqual(["outside"]);
  });

  // Read, then write what was read plus one, in transactions started together: a lost update would
  // leave the counter short. Safe when the row is locked first (the shared store's default isolation
  // is read committed, so code that reads to write locks: learners.lock), or under "serializable".
  for (const how of ["row lock", "serializable"] as const) {
    it(`transactions started together all commit, each seeing the one before (${how})`, async () => {
      await store.run(`INSERT INTO t (k, n) VALUES ('counter', 0)`);
      const lock = how === "row lock" && store.shared ? "FOR UPDATE" : "";
      await Promise.all(
        Array.from({ length: 8 }, () =>
          store.transaction(
            async () => {
              const n = (await store.value<number>(`SELECT n FROM t WHERE k = 'counter' ${lock}`))!;
              await pause(2);
              await store.run(`UPDATE t SET n = ? WHERE k = 'counter'`, [n + 1]);
            },
            { isolation: how === "serializable" ? "serializable" : "read committed" },
          ),
        ),
      );
      expect(await store.value(`SELECT n FROM t WHERE k = 'counter'`)).toBe(8);
    });
  }

  it("reports a unique violation as such, and other errors as themselves", async () => {
    await store.run(`INSERT INTO t (k, n) VALUES ('a', 1)`);
    const dup = await store.run(`INSERT INTO t (k, n) VALUES ('a', 2)`).catch((e: unknown) => e);
    expect(isUniqueViolation(dup)).toBe(true);
    const bad = await store.run(`INSERT INTO t (k) VALUES ('b')`).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Error);
    expect(isUniqueViolation(bad)).toBe(false);
    expect(await count()).toBe(1);
  });

  it("is usable again after a failed statement outside a transaction", async () => {
    await expect(store.run(`SELECT * FROM missing_table`)).rejects.toThrow();
    await store.run(`INSERT INTO t (k, n) VALUES ('a', 1)`);
    expect(await count()).toBe(1);
  });
});

describe("SQL for PostgreSQL", () => {
  it("numbers ? in order and maps @name to one number however often it appears", () => {
    expect(toPostgres(`SELECT ? , ?`).text).toBe(`SELECT $1 , $2`);
    const named = toPostgres(`SELECT @a, @b, @a`);
    expect(named.text).toBe(`SELECT $1, $2, $1`);
    expect(pgValues(named, { b: "B", a: "A" })).toEqual(["A", "B"]);
  });

  it("leaves quoted text, quoted names and comments alone, and drops SQLite's INDEXED BY", () => {
    expect(toPostgres(`SELECT '?', 'it''s @x', "we?ird" FROM t INDEXED BY t_idx WHERE a = ? -- why?\nAND b = ?`).text).toBe(
      `SELECT '?', 'it''s @x', "we?ird" FROM t  WHERE a = $1 \nAND b = $2`,
    );
  });

  it("refuses a statement that mixes both kinds, and a named value that is missing", () => {
    expect(() => toPostgres(`SELECT ?, @a`)).toThrow(/mixes/);
    expect(() => pgValues(toPostgres(`SELECT @a, @b`), { a: 1 })).toThrow(/@b/);
  });

  it("passes big integers as text, so Zalo ids beyond 2^53 stay exact", () => {
    expect(pgValues(toPostgres(`SELECT ?`), [123456789012345678901n])).toEqual(["123456789012345678901"]);
  });
});
