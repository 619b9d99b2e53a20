-- One scheduler tick a minute across instances: the instance that records the minute runs it. Rows
-- older than two days are pruned by the tick itself.
CREATE TABLE scheduler_ticks (
  minute      TEXT PRIMARY KEY,     -- 'YYYY-MM-DD HH:MM', local time
  started_at  TEXT NOT NULL
);
