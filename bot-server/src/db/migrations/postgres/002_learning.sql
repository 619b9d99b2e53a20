-- PostgreSQL twin of ../sqlite/002_learning.sql (see 001_foundation.sql).
-- Learning records shared by the OA chat and the Mini App: one learner, one progress.

ALTER TABLE learners ADD COLUMN consent TEXT COLLATE "C" CHECK (consent IN ('granted', 'declined'));  -- NULL: not asked yet
ALTER TABLE learners ADD COLUMN consent_at TEXT COLLATE "C";
ALTER TABLE learners ADD COLUMN province_code TEXT COLLATE "C";
ALTER TABLE learners ADD COLUMN commune_code TEXT COLLATE "C";
ALTER TABLE learners ADD COLUMN reminder_time TEXT COLLATE "C";          -- 'HH:MM', local time; NULL: no reminders
ALTER TABLE learners ADD COLUMN certificate_name TEXT COLLATE "C";       -- the name the learner wants on a certificate
ALTER TABLE learners ADD COLUMN first_source TEXT COLLATE "C";           -- QR / link code of the first touch
ALTER TABLE learners ADD COLUMN referrer_code TEXT COLLATE "C";          -- volunteer's code of the first touch
ALTER TABLE learners ADD COLUMN chat_state TEXT COLLATE "C";             -- JSON: where the person is in a chat flow

CREATE TABLE lesson_progress (
  learner_id    BIGINT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  lesson_id     INTEGER NOT NULL,
  opened_at     TEXT COLLATE "C" NOT NULL,
  completed_at  TEXT COLLATE "C",
  best_score    INTEGER,                 -- best lesson-quiz score (out of 5)
  passed_at     TEXT COLLATE "C",                    -- first time the lesson quiz was passed
  PRIMARY KEY (learner_id, lesson_id)
);

CREATE TABLE quiz_attempts (
  id           TEXT COLLATE "C" PRIMARY KEY,         -- unguessable; client-made in the Mini App
  learner_id   BIGINT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('lesson', 'final')),
  lesson_id    INTEGER,                  -- lesson quizzes only
  channel      TEXT COLLATE "C" NOT NULL CHECK (channel IN ('chat', 'app')),
  started_at   TEXT COLLATE "C" NOT NULL,
  finished_at  TEXT COLLATE "C",
  score        INTEGER,
  total        INTEGER NOT NULL,
  passed       INTEGER,
  submission   TEXT COLLATE "C",                     -- app: sha256 of the submitted answers (a resend must match)
  seq          BIGINT GENERATED ALWAYS AS IDENTITY   -- insertion order (SQLite's rowid): ties on started_at
);
CREATE INDEX quiz_attempts_learner ON quiz_attempts (learner_id, kind, started_at);

CREATE TABLE quiz_items (
  attempt_id   TEXT COLLATE "C" NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  question_id  TEXT COLLATE "C" NOT NULL,
  token        TEXT COLLATE "C" UNIQUE,              -- chat: carried by this question's answer buttons
  chosen       INTEGER,
  correct      INTEGER,
  answered_at  TEXT COLLATE "C",
  PRIMARY KEY (attempt_id, position)
);

CREATE TABLE review_items (              -- spaced review of missed questions (Leitner boxes)
  learner_id   BIGINT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  question_id  TEXT COLLATE "C" NOT NULL,
  box          INTEGER NOT NULL DEFAULT 1,
  due_at       TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (learner_id, question_id)
);
CREATE INDEX review_due ON review_items (learner_id, due_at);

CREATE TABLE certificates (
  code           TEXT COLLATE "C" PRIMARY KEY,       -- short, unguessable, shown and printed
  learner_id     BIGINT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  name           TEXT COLLATE "C" NOT NULL,
  issued_at      TEXT COLLATE "C" NOT NULL,
  score          INTEGER NOT NULL,
  total          INTEGER NOT NULL,
  lessons        TEXT COLLATE "C" NOT NULL           -- JSON array of lesson ids passed
);
CREATE UNIQUE INDEX certificates_learner ON certificates (learner_id);

CREATE TABLE sessions (
  token_hash   TEXT COLLATE "C" PRIMARY KEY,         -- sha256 of the bearer token; the token itself is never stored
  learner_id   BIGINT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  created_at   TEXT COLLATE "C" NOT NULL,
  expires_at   TEXT COLLATE "C" NOT NULL
);

-- Anonymous daily counts for reports. They survive a learner's deletion: no person can be found in them.
CREATE TABLE daily_counts (
  day            TEXT COLLATE "C" NOT NULL,          -- YYYY-MM-DD, Asia/Ho_Chi_Minh
  province_code  TEXT COLLATE "C" NOT NULL DEFAULT '',
  commune_code   TEXT COLLATE "C" NOT NULL DEFAULT '',
  metric         TEXT COLLATE "C" NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (day, province_code, commune_code, metric)
);
