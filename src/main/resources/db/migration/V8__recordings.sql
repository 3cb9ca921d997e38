-- Files a carrier left in the recording store for an attempt (names without .wav): the conversation with the agent
-- (campaigns with recording enabled) and an agentless survey's spoken comment. recorded_at is real (wall-clock) time,
-- also for simulated campaigns, because the retention period is about files on disk; the retention job clears the
-- names when it deletes the files.
ALTER TABLE attempt
    ADD COLUMN recording         text,
    ADD COLUMN comment_recording text,
    ADD COLUMN recorded_at       timestamptz;

CREATE INDEX attempt_recorded ON attempt (recorded_at) WHERE recording IS NOT NULL OR comment_recording IS NOT NULL;
