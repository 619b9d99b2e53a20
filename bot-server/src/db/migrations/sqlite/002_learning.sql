-- Learning records shared by the OA chat and the Mini App: one learner, one progress.

ALTER TABLE learners ADD COLUMN consent TEXT CHECK (consent IN ('granted', 'declined'));  -- NULL: not asked yet
ALTER TABLE learners ADD COLUMN consent_at TEXT;
ALTER TABLE learners ADD COLUMN province_code TEXT;
ALTER TABLE learners ADD COLUMN commune_code TEXT;
ALTER TABLE learners ADD COLUMN reminder_time TEXT;          -- 'HH:MM', local time; NULL: no reminders
ALTER TABLE learners ADD COLUMN certificate_name TEXT;       -- the name the learner wants on a certificate
ALTER TABLE learners ADD COLUMN first_source TEXT;           -- QR / link code of the first touch
ALTER TABLE learners ADD COLUMN referrer_code TEXT;          -- volunteer's code of the first touch
ALTER TABLE learners ADD COLUMN chat_state TEXT;             -- JSON: where the person is in a chat flow

CREATE TABLE lesson_progress (
  learner_id    INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  lesson_id     INTEGER NOT NULL,
  opened_at     TEXT NOT NULL,
  completed_at  TEXT,
  best_score    INTEGER,                 -- best lesson-quiz score (out of 5)
  passed_at     TEXT,                    -- first time the lesson quiz was passed
  PRIMARY KEY (learner_id, lesson_id)
);

CREATE TABLE quiz_attempts (
  id           TEXT PRIMARY KEY,         -- unguessable; client-made in the Mini App
  learner_id   INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('lesson', 'final')),
  lesson_id    INTEGER,                  -- lesson quizzes only
  channel      TEXT NOT NULL CHECK (channel IN ('chat', 'app')),
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  score        INTEGER,
  total        INTEGER NOT NULL,
  passed       INTEGER,
  submission   TEXT                      -- app: sha256 of the submitted answers (a resend must match)
);
CREATE INDEX quiz_attempts_learner ON quiz_attempts (learner_id, kind, started_at);

CREATE TABLE quiz_items (
  attempt_id   TEXT NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  question_id  TEXT NOT NULL,
  token        TEXT UNIQUE,              -- chat: carried by this question's answer buttons
  chosen       INTEGER,
  correct      INTEGER,
  answered_at  TEXT,
  PRIMARY KEY (attempt_id, position)
);

CREATE TABLE review_items (              -- spaced review of missed questions (Leitner boxes)
  learner_id   INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  question_id  TEXT NOT NULL,
  box          INTEGER NOT NULL DEFAULT 1,
  due_at       TEXT NOT NULL,
  PRIMARY KEY (learner_id, question_id)
);
CREATE INDEX review_due ON review_items (learner_id, due_at);

CREATE TABLE certificates (
  code           TEXT PRIMARY KEY,       -- short, unguessable, shown and printed
  learner_id     INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  score          INTEGER NOT NULL,
  total          INTEGER NOT NULL,
  lessons        TEXT NOT NULL           -- JSON array of lesson ids passed
);
CREATE UNIQUE INDEX certificates_learner ON certificates (learner_id);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,         -- sha256 of the bearer token; the token itself is never stored
  learner_id   INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);

-- Anonymous daily counts for reports. They survive a learner's deletion: no person can be found in them.
CREATE TABLE daily_counts (
  day            TEXT NOT NULL,          -- YYYY-MM-DD, Asia/Ho_Chi_Minh
  province_code  TEXT NOT NULL DEFAULT '',
  commune_code   TEXT NOT NULL DEFAULT '',
  metric         TEXT NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (day, province_code, commune_code, metric)
);
