-- PostgreSQL twin of ../sqlite/006_delivery.sql (see 001_foundation.sql).
-- Delivery: a Zalo message id belongs to one outbox row, in-doubt sends remember since when, and the
-- operator alerts that the processing thread raises and /healthz (the HTTP thread) shows.

-- Before this, reconciliation could give an in-doubt row the id of an earlier identical message. The
-- earliest row keeps the id (it was sent first); the later ones keep 'sent' but lose the borrowed id.
UPDATE outbox SET zalo_message_id = NULL
WHERE zalo_message_id IS NOT NULL
  AND id NOT IN (SELECT MIN(id) FROM outbox WHERE zalo_message_id IS NOT NULL GROUP BY zalo_message_id);
DROP INDEX IF EXISTS outbox_zalo_message;
CREATE UNIQUE INDEX outbox_zalo_message ON outbox (zalo_message_id) WHERE zalo_message_id IS NOT NULL;

-- When the first attempt that got no answer began: a message Zalo recorded before it cannot be this row's.
ALTER TABLE outbox ADD COLUMN in_doubt_since TEXT COLLATE "C";

CREATE TABLE operator_alerts (
  kind        TEXT COLLATE "C" PRIMARY KEY,          -- one alert per kind: raised once, however often the cause repeats
  message     TEXT COLLATE "C" NOT NULL,             -- plain English, what to do; no secrets, no personal data
  since       TEXT COLLATE "C" NOT NULL,             -- when it was raised
  last_seen   TEXT COLLATE "C" NOT NULL,             -- the cause was last seen
  seen        INTEGER NOT NULL DEFAULT 1,
  expires_at  TEXT COLLATE "C"                       -- NULL: stands until cleared
);
