-- PostgreSQL twin of ../sqlite/007_scheduler_ticks.sql (see 001_foundation.sql).
-- One scheduler tick a minute across instances: the instance that records the minute runs it. Rows
-- older than two days are pruned by the tick itself.
CREATE TABLE scheduler_ticks (
  minute      TEXT COLLATE "C" PRIMARY KEY,    -- 'YYYY-MM-DD HH:MM', local time
  started_at  TEXT COLLATE "C" NOT NULL
);
