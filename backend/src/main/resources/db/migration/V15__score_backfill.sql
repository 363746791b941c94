-- A score with a past: when data for past days arrives, the score recomputer records the score of every day from the
-- earliest changed day to yesterday as if it had been recorded that day (see docs/methodology.md, "Backfilled
-- history"). Such a snapshot is flagged: cause 'data', backfilled true, and its computed_at is the last microsecond of
-- its as_of day (UTC), so that every reader ordering by computed_at (the history, the portfolio's change, "each
-- day's last score") places it on its own day, after any snapshot recorded live that day, and before today's.
-- V15, not V14: the next free version is left to the imports migration written at the same time.
ALTER TABLE score_snapshots ADD COLUMN backfilled boolean NOT NULL DEFAULT false;

-- the readers by day (goals, annotation impact, alerts, the backfill itself) look snapshots up by as_of
CREATE INDEX score_snapshots_by_day ON score_snapshots (agency_id, client_id, as_of);
