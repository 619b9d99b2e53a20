-- Foundation: durable inbox and outbox, OA tokens, learners, the simulator's conversations.
-- All Zalo ids and all timestamps are TEXT (ids exceed 2^53; ISO-8601 UTC sorts as text).

CREATE TABLE inbox (
  id            INTEGER PRIMARY KEY,
  dedupe_key    TEXT NOT NULL UNIQUE,   -- msg_id, or event name + user + timestamp
  event_name    TEXT NOT NULL,
  user_id       TEXT,                   -- the person (OA-scoped id), after sender/recipient swap
  event_ts      TEXT,                   -- Zalo's timestamp field, ms as a string
  raw           TEXT NOT NULL,          -- the exact body Zalo signed
  received_at   TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  processed_at  TEXT
);
CREATE INDEX inbox_pending ON inbox (status, id);

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  user_id          TEXT NOT NULL,       -- recipient (OA-scoped id)
  kind             TEXT NOT NULL,       -- reply | reminder | tip | broadcast | system
  message          TEXT NOT NULL,       -- JSON: what to send (text, buttons, media)
  status           TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unreachable', 'cancelled')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  lease_owner      TEXT,
  lease_until      TEXT,
  attempt_started_at TEXT,              -- when the last HTTP call began: bounds reconciliation
  in_doubt         INTEGER NOT NULL DEFAULT 0,  -- last attempt got no answer: Zalo may have it already
  last_error       TEXT,
  zalo_message_id  TEXT,
  created_at       TEXT NOT NULL,
  sent_at          TEXT,
  delivered_at     TEXT,                -- from user_received_message
  seen_at          TEXT,                -- from user_seen_message
  source_event_id  INTEGER REFERENCES inbox (id) ON DELETE SET NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_queue ON outbox (status, id);
CREATE INDEX outbox_person ON outbox (user_id, status, id);
CREATE INDEX outbox_zalo_message ON outbox (zalo_message_id) WHERE zalo_message_id IS NOT NULL;

CREATE TABLE oa_tokens (
  id              INTEGER PRIMARY KEY CHECK (id = 1),  -- one OA per deployment
  access_token    TEXT NOT NULL,
  refresh_token   TEXT NOT NULL,
  expires_at      TEXT,                 -- NULL when unknown (seeded pair): refreshed on -216/-220
  seed_fingerprint TEXT,                -- sha256 of the env refresh token that seeded the chain
  generation      INTEGER NOT NULL DEFAULT 1,
  updated_at      TEXT NOT NULL
);

CREATE TABLE learners (
  id                  INTEGER PRIMARY KEY,
  zalo_user_id        TEXT UNIQUE,      -- OA-scoped id (webhooks, CS messages)
  zalo_app_user_id    TEXT UNIQUE,      -- user_id_by_app = the Mini App user id
  display_name        TEXT,
  follows_oa          INTEGER NOT NULL DEFAULT 0,
  last_interaction_at TEXT,             -- last event from the person: Zalo's messaging window
  unreachable_reason  TEXT,             -- set from OA errors -213, -217, -230 …; cleared on next event
  unreachable_at      TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);

CREATE TABLE sim_users (
  user_id       TEXT PRIMARY KEY,
  display_name  TEXT NOT NULL,
  follows       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);

CREATE TABLE sim_messages (
  id          INTEGER PRIMARY KEY,
  user_id     TEXT NOT NULL,
  direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),  -- in = person → OA
  body        TEXT NOT NULL,            -- JSON
  msg_id      TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX sim_messages_user ON sim_messages (user_id, id);
