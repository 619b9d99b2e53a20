import type Database from "better-sqlite3";
import { sql } from "./statements.js";
import { TransactionScope } from "./transaction-scope.js";
import type { RunResult, SqlParams, Store, TransactionOptions } from "./store.js";

interface Scope {
  depth: number;
}

/**
 * The store on one better-sqlite3 connection. Statements run synchronously underneath; a transaction
 * spans awaits, so it holds the connection (BEGIN IMMEDIATE … COMMIT) and everything else on this
 * connection queues behind it: a statement run meanwhile from outside would silently join it. With
 * nothing queued a statement runs at once, without a trip through the event loop.
 */
export class SqliteStore implements Store {
  readonly dialect = "sqlite" as const;
  readonly shared = false;
  private readonly scope = new TransactionScope<Scope>();
  /** Transactions and statements waiting for the connection, plus the one holding it. */
  private queued = 0;
  private tail: Promise<unknown> = Promise.resolve();

  /** The connection's own synchronous level (read once: 2 = FULL); a durable commit raises a lower one. */
  private readonly synchronous: number;

  constructor(readonly db: Database.Database) {
    this.synchronous = db.pragma("synchronous", { simple: true }) as number;
  }

  all<T>(text: string, params?: SqlParams): Promise<T[]> {
    return this.statement(() => bind(sql(this.db, text), params, "all") as T[]);
  }

  get<T>(text: string, params?: SqlParams): Promise<T | undefined> {
    return this.statement(() => bind(sql(this.db, text), params, "get") as T | undefined);
  }

  value<T>(text: string, params?: SqlParams): Promise<T | undefined> {
    return this.statement(() => bind(sql(this.db, text).pluck(), params, "get") as T | undefined);
  }

  column<T>(text: string, params?: SqlParams): Promise<T[]> {
    return this.statement(() => bind(sql(this.db, text).pluck(), params, "all") as T[]);
  }

  run(text: string, params?: SqlParams): Promise<RunResult> {
    return this.statement(() => ({ changes: (bind(sql(this.db, text), params, "run") as Database.RunResult).changes }));
  }

  exec(text: string): Promise<void> {
    return this.statement(() => void this.db.exec(text));
  }

  inTransaction(): boolean {
    return this.scope.current() !== undefined;
  }

  transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const outer = this.scope.current();
    if (outer) return this.savepoint(outer, fn);
    return this.exclusive(() => this.topLevel(fn, options.durable ?? false));
  }

  async close(): Promise<void> {
    await this.exclusive(async () => this.db.close());
  }

  private async topLevel<T>(fn: () => Promise<T>, durable: boolean): Promise<T> {
    // FULL for this commit only: in WAL mode its fsync also makes every earlier commit durable.
    const raise = durable && this.synchronous < 2;
    if (raise) this.control("PRAGMA synchronous = FULL");
    try {
      this.control("BEGIN IMMEDIATE");
      try {
        const result = await this.scope.run({ depth: 0 }, fn);
        this.control("COMMIT");
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.control("ROLLBACK");
        throw err;
      }
    } finally {
      if (raise) this.control(`PRAGMA synchronous = ${this.synchronous}`);
    }
  }

  private async savepoint<T>(outer: Scope, fn: () => Promise<T>): Promise<T> {
    const name = `sp${outer.depth + 1}`;
    this.control(`SAVEPOINT ${name}`);
    try {
      const result = await this.scope.run({ depth: outer.depth + 1 }, fn);
      this.control(`RELEASE ${name}`);
      return result;
    } catch (err) {
      if (this.db.inTransaction) {
        this.control(`ROLLBACK TO ${name}`);
        this.control(`RELEASE ${name}`);
      }
      throw err;
    }
  }

  /** Transaction control, prepared once like any statement (exec would parse it every time). */
  private control(text: string): void {
    sql(this.db, text).run();
  }

  /** A statement: at once inside a transaction or when the connection is free, else in turn. */
  private statement<T>(work: () => T): Promise<T> {
    if (this.queued === 0 || this.scope.current()) {
      try {
        return Promise.resolve(work());
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.exclusive(async () => work());
  }

  /** Runs `work` when everything queued before it is over; nothing else uses the connection meanwhile. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.queued++;
    const run = this.tail.then(work).finally(() => this.queued--);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function bind(stmt: Database.Statement, params: SqlParams | undefined, how: "all" | "get" | "run"): unknown {
  if (params === undefined) return stmt[how]();
  return Array.isArray(params) ? stmt[how](...(params as unknown[])) : stmt[how](params);
}
