/**
 * PostgreSQL advisory lock keys: one number per thing that only one instance may do at a time. Taken
 * with `pg_advisory_xact_lock` / `pg_try_advisory_xact_lock`, so a lock ends with its transaction, and
 * with the connection if the instance dies.
 */
export const ADVISORY_LOCKS = {
  migrate: 7_100_001,
  tokenRefresh: 7_100_002,
  schedulerTick: 7_100_003,
} as const;
