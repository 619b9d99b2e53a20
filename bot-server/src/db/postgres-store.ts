import pg from "pg";
import { pgValues, toPostgres } from "./postgres-sql.js";
import { TransactionScope } from "./transaction-scope.js";
import { isSerializationFailure, type RunResult, type SqlParams, type Store, type TransactionOptions } from "./store.js";

// COUNT(*) is bigint and SUM numeric: as numbers, like SQLite's. Row ids stay far below 2^53, and
// Zalo's ids, which do not, are TEXT.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

interface Scope {
  client: pg.PoolClient;
  depth: number;
}

/** A transaction that lost a serialization conflict or a deadlock is run again, at most this many times in all. */
const ATTEMPTS = 8;

/**
 * The store on a PostgreSQL server, which several instances share. Connections come from pg's pool; a
 * transaction keeps one for its length, and every store call made inside it uses that one.
 */
export class PostgresStore implements Store {
  readonly dialect = "postgres" as const;
  readonly shared = true;
  private readonly scope = new TransactionScope<Scope>();

  /**
   * @param relaxed commits wait for no disk flush (synchronous_commit off), except in durable
   *   transactions: SQLite's NORMAL, for the processing thread. A server crash may then undo the last
   *   commits, never part of one, and a durable commit flushes every earlier one with it.
   */
  constructor(
    readonly pool: pg.Pool,
    private readonly relaxed = false,
  ) {}

  static connect(url: string, max = 10, synchronous: "FULL" | "NORMAL" = "FULL"): PostgresStore {
    const pool = new pg.Pool({ connectionString: url, max });
    // An idle connection the server dropped: pg reports it here; the pool replaces it.
    pool.on("error", () => undefined);
    const relaxed = synchronous === "NORMAL";
    // Queued on the new connection ahead of anything else it is asked to do.
    if (relaxed) pool.on("connect", (client) => void client.query("SET synchronous_commit TO off").catch(() => undefined));
    return new PostgresStore(pool, relaxed);
  }

  async all<T>(text: string, params?: SqlParams): Promise<T[]> {
    return (await this.query(text, params)).rows as T[];
  }

  async get<T>(text: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.query(text, params)).rows[0] as T | undefined;
  }

  async value<T>(text: string, params?: SqlParams): Promise<T | undefined> {
    const res = await this.query(text, params, "array");
    return (res.rows[0] as unknown[] | undefined)?.[0] as T | undefined;
  }

  async column<T>(text: string, params?: SqlParams): Promise<T[]> {
    const res = await this.query(text, params, "array");
    return (res.rows as unknown[][]).map((r) => r[0] as T);
  }

  async run(text: string, params?: SqlParams): Promise<RunResult> {
    return { changes: (await this.query(text, params)).rowCount ?? 0 };
  }

  async exec(text: string): Promise<void> {
    await (this.scope.current()?.client ?? this.pool).query(text);
  }

  inTransaction(): boolean {
    return this.scope.current() !== undefined;
  }

  async transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const outer = this.scope.current();
    if (outer) return this.savepoint(outer, fn);
    const isolation = options.isolation === "serializable" ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN";
    const begin = options.durable && this.relaxed ? `${isolation}; SET LOCAL synchronous_commit TO on` : isolation;
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        await client.query(begin);
        try {
          const result = await this.scope.run({ client, depth: 0 }, fn);
          await client.query("COMMIT");
          return result;
        } catch (err) {
          await client.query("ROLLBACK").catch((e: Error) => (broken = e));
          if (broken || !isSerializationFailure(err) || attempt >= ATTEMPTS) throw err;
          // Conflicting transactions retrying in step would conflict again.
          await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
        }
      }
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async savepoint<T>(outer: Scope, fn: () => Promise<T>): Promise<T> {
    const name = `sp${outer.depth + 1}`;
    await outer.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await this.scope.run({ client: outer.client, depth: outer.depth + 1 }, fn);
      await outer.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      // A lost serialization conflict dooms the whole transaction: only the top level can retry it.
      if (!isSerializationFailure(err)) await outer.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
    }
  }

  private query(text: string, params: SqlParams | undefined, rowMode?: "array"): Promise<pg.QueryResult> {
    const stmt = toPostgres(text);
    const values = pgValues(stmt, params);
    const runner = this.scope.current()?.client ?? this.pool;
    // rowMode "array": the columns by position (value/column), whatever the statement names them.
    return rowMode ? runner.query({ text: stmt.text, values, rowMode }) : runner.query({ text: stmt.text, values });
  }
}
