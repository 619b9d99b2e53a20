-- Outreach: reminders, daily scam tips, the per-person daily cap. Every per-person row goes with the
-- learner (ON DELETE CASCADE), so erasure removes it.

ALTER TABLE learners ADD COLUMN outreach_stopped_at TEXT;    -- "dừng": nothing but replies until "tiếp tục"
ALTER TABLE learners ADD COLUMN outreach_snoozed_until TEXT; -- "bận": no reminder or tip before this
ALTER TABLE learners ADD COLUMN daily_tip INTEGER NOT NULL DEFAULT 0;  -- opted in to a tip a day

-- The scheduler's minute query: who has a reminder (or a tip) at this local time. Partial indexes keep
-- them small: only people who asked.
CREATE INDEX learners_reminder_time ON learners (reminder_time) WHERE reminder_time IS NOT NULL;
CREATE INDEX learners_tip_time ON learners (COALESCE(reminder_time, '09:00')) WHERE daily_tip = 1;

-- Non-reply messages queued per person and local day: the daily cap, "one reminder a day", the window's
-- one nudge and the backoff all read this. A scheduled kind has one slot a day, so a second tick in the
-- same minute cannot queue it again (the UNIQUE key, in the same transaction as the outbox row).
CREATE TABLE outreach_sends (
  id          INTEGER PRIMARY KEY,
  learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  day         TEXT NOT NULL,            -- YYYY-MM-DD, local time
  kind        TEXT NOT NULL CHECK (kind IN ('reminder', 'tip', 'broadcast')),
  slot        TEXT NOT NULL DEFAULT '', -- '' for the daily reminder/tip; a broadcast's id
  outbox_id   INTEGER,
  queued_at   TEXT NOT NULL,
  UNIQUE (learner_id, day, kind, slot)
);
CREATE INDEX outreach_sends_recent ON outreach_sends (learner_id, queued_at);

-- Tips a person has had in the current round: no repeat until the pool is used up.
CREATE TABLE tips_seen (
  learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  tip_id      TEXT NOT NULL,
  seen_at     TEXT NOT NULL,
  PRIMARY KEY (learner_id, tip_id)
);

-- A review question carried by a reminder: its answer buttons hold this unguessable token.
CREATE TABLE review_prompts (
  token        TEXT PRIMARY KEY,
  learner_id   INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  question_id  TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  chosen       INTEGER,
  answered_at  TEXT
);
CREATE INDEX review_prompts_learner ON review_prompts (learner_id);
