import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ADVISORY_LOCKS } from "./advisory-locks.js";
import type { Store } from "./store.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Each store has its own folder of migrations with the same versions: `NNN_name.sql` in both. */
export function migrationsDir(dialect: Store["dialect"]): string {
  return fileURLToPath(new URL(`./migrations/${dialect}/`, import.meta.url));
}

/** Migrations are files `NNN_name.sql`, applied in order, each in its own transaction, once. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(dir + f, "utf8") }));
}

/** Brings the schema up to date; returns the versions applied now. */
export async function migrate(store: Store, migrations = readMigrations(migrationsDir(store.dialect))): Promise<number[]> {
  // Instances starting at once must not both apply a migration: SQLite's BEGIN IMMEDIATE takes the
  // write lock; on PostgreSQL an advisory lock for the transaction's length does the same (read
  // committed: a serializable snapshot would be taken before the lock is granted, blind to the winner).
  const exclusively = <T>(fn: () => Promise<T>) =>
    store.transaction(
      async () => {
        if (store.dialect === "postgres") await store.run("SELECT pg_advisory_xact_lock(?)", [ADVISORY_LOCKS.migrate]);
        return fn();
      },
      { isolation: "read committed" },
    );
  await exclusively(async () => {
    if (store.dialect === "postgres") await createNamedSchema(store);
    await store.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
  });
  const applied = new Set(await store.column<number>("SELECT version FROM schema_migrations"));
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await exclusively(async () => {
      if (await store.value("SELECT 1 FROM schema_migrations WHERE version = ?", [m.version])) return;
      await store.exec(m.sql);
      await store.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [m.version, m.name, new Date().toISOString()]);
      done.push(m.version);
    });
  }
  return done;
}

/**
 * DATABASE_URL may put the product in a schema of its own (`?options=-c search_path=kynangso`): the
 * first schema on the search path is created when missing ("$user" and public are left alone).
 */
async function createNamedSchema(store: Store): Promise<void> {
  const path = (await store.value<string>("SHOW search_path")) ?? "";
  const first = path.split(",")[0]!.trim().replace(/^"(.*)"$/, "$1");
  if (!first || first === "$user" || first === "public") return;
  await store.exec(`CREATE SCHEMA IF NOT EXISTS "${first.replace(/"/g, '""')}"`);
}
