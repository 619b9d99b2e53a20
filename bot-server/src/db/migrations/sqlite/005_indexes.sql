-- Indexes for the foreign keys that deletions walk. Without them, erasing one person (their inbox rows
-- clear outbox.source_event_id; their learner row cascades to sessions) scans whole tables while the
-- processing thread waits: seconds with a large outbox.
CREATE INDEX outbox_source_event ON outbox (source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX sessions_learner ON sessions (learner_id, expires_at);
-- outbox_queue joined 001 after the first release of that file: a database made then lacks it.
CREATE INDEX IF NOT EXISTS outbox_queue ON outbox (status, id);
