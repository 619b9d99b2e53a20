/**
 * The one seam between the product and its database. Repositories write SQL in the subset SQLite and
 * PostgreSQL share (`?` or `@name` parameters, `ON CONFLICT … DO …`, `RETURNING`), and every call is
 * async, so the same code runs on the embedded SQLite file and on a PostgreSQL server shared by several
 * instances. `INDEXED BY` hints are SQLite's alone; the PostgreSQL store drops them.
 */
export type SqlValue = string | number | bigint | null;
/** Positional values for `?`, or named values for `@name`. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface TransactionOptions {
  /**
   * The commit must survive a power cut before the caller acts on it (a webhook answer, an HTTP send).
   * PostgreSQL commits are always so; SQLite fsyncs this commit even on a NORMAL connection.
   */
  durable?: boolean;
  /**
   * PostgreSQL: "read committed" (default), where what must not interleave takes row locks: the
   * learner's row for one person's work (as RapidPro locks a contact), `FOR UPDATE SKIP LOCKED` for
   * claims, advisory locks for one-of-a-kind work. "serializable" for a transaction that cannot name
   * its rows; it is run again after a conflict.
   */
  isolation?: "serializable" | "read committed";
}

export interface Store {
  readonly dialect: "sqlite" | "postgres";
  /**
   * Several processes may share this store (PostgreSQL): nothing may assume it is the only writer, e.g.
   * that every lease it did not take belongs to a dead process.
   */
  readonly shared: boolean;
  all<T>(text: string, params?: SqlParams): Promise<T[]>;
  get<T>(text: string, params?: SqlParams): Promise<T | undefined>;
  /** The first column of the first row. */
  value<T>(text: string, params?: SqlParams): Promise<T | undefined>;
  /** The first column of every row. */
  column<T>(text: string, params?: SqlParams): Promise<T[]>;
  run(text: string, params?: SqlParams): Promise<RunResult>;
  /** Statements without parameters, `;`-separated (migrations). */
  exec(text: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: every store call made inside it, however deep, joins it; a nested
   * call is a savepoint. Calls from elsewhere wait (SQLite) or use another connection (PostgreSQL).
   * `fn` may run again after a serialization conflict, so it does nothing but store work.
   */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Inside a transaction? */
  inTransaction(): boolean;
  close(): Promise<void>;
}

/** A unique constraint refused the write (both stores' codes). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** PostgreSQL gave up a transaction to keep it serializable, or to break a deadlock: run it again. */
export function isSerializationFailure(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === "40001" || code === "40P01";
}
