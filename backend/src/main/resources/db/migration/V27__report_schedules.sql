-- Scheduled reports (docs/email-and-webhooks.md, "Scheduled reports"): per client, a weekly or monthly e-mail with
-- the report's PDF, sent at an hour of the client's time zone; with review on, each report waits for an analyst.

-- next_run_at is the next instant the schedule is due (the hour in the client's zone, computed by the server);
-- claimed_until is the lease of the server making the report, so that two servers never make it at once.
CREATE TABLE report_schedules (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id     uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    client_id     uuid        NOT NULL,
    frequency     text        NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
    day_of_week   integer     CHECK (day_of_week BETWEEN 1 AND 7),
    day_of_month  integer     CHECK (day_of_month BETWEEN 1 AND 28),
    hour          integer     NOT NULL CHECK (hour BETWEEN 0 AND 23),
    recipients    text[]      NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 100),
    review        boolean     NOT NULL DEFAULT false,
    next_run_at   timestamptz NOT NULL,
    claimed_until timestamptz,
    created_by    uuid        REFERENCES users ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (agency_id, id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE,
    CHECK ((frequency = 'weekly') = (day_of_week IS NOT NULL)),
    CHECK ((frequency = 'monthly') = (day_of_month IS NOT NULL))
);
CREATE INDEX report_schedules_due ON report_schedules (next_run_at);
CREATE INDEX report_schedules_by_client ON report_schedules (agency_id, client_id, created_at);

-- A report made for review: its PDF and summary wait until an analyst approves (with the summary as edited) or
-- skips it. One per schedule and period.
CREATE TABLE report_reviews (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id    uuid        NOT NULL,
    client_id    uuid        NOT NULL,
    schedule_id  uuid        NOT NULL,
    period_from  date        NOT NULL,
    period_to    date        NOT NULL,
    summary      text        NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
    pdf          bytea       NOT NULL,
    state        text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'skipped')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    decided_at   timestamptz,
    decided_by   uuid        REFERENCES users ON DELETE SET NULL,
    UNIQUE (agency_id, schedule_id, period_from),
    FOREIGN KEY (agency_id, schedule_id) REFERENCES report_schedules (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX report_reviews_by_client ON report_reviews (agency_id, client_id, state, created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON report_schedules, report_reviews TO zoomfactor_app;
ALTER TABLE report_schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON report_schedules
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
ALTER TABLE report_reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON report_reviews
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

-- The one read across agencies, as in V22: it runs as its owner and gives the application ids only.
DO $$
BEGIN
    EXECUTE format('CREATE POLICY schedule_scan ON report_schedules FOR ALL TO %I USING (true) WITH CHECK (true)',
                   current_user);
END
$$;
-- Claims up to max_rows schedules due at `due` (the scheduler's clock) for lease_ms: several servers claim different
-- rows (SKIP LOCKED), and a claim is not taken again until its lease ends. Answers which, with the run they are due.
CREATE FUNCTION claim_report_schedules(due timestamptz, lease_ms integer, max_rows integer)
    RETURNS TABLE (agency_id uuid, id uuid, next_run_at timestamptz)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    UPDATE report_schedules s SET claimed_until = clock_timestamp() + make_interval(secs => lease_ms / 1000.0)
     WHERE s.id IN (SELECT d.id FROM report_schedules d
                     WHERE d.next_run_at <= due AND (d.claimed_until IS NULL OR d.claimed_until < clock_timestamp())
                     ORDER BY d.next_run_at LIMIT max_rows FOR UPDATE SKIP LOCKED)
    RETURNING s.agency_id, s.id, s.next_run_at
$$;
REVOKE ALL ON FUNCTION claim_report_schedules(timestamptz, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_report_schedules(timestamptz, integer, integer) TO zoomfactor_app;
