-- Goals: a target for a metric (over a trailing window) or for the Zoom Factor, by a deadline.
CREATE TABLE goals (
    id          uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id   uuid             NOT NULL,
    client_id   uuid             NOT NULL,
    -- NULL: the Zoom Factor itself
    metric      text             CHECK (length(metric) BETWEEN 1 AND 100),
    target      double precision NOT NULL,
    deadline    date             NOT NULL,
    window_days integer          NOT NULL DEFAULT 30 CHECK (window_days BETWEEN 1 AND 90),
    -- the value when the goal was set: progress is measured from it (NULL: there was no data yet)
    start_value double precision,
    created_by  uuid             REFERENCES users ON DELETE SET NULL,
    created_at  timestamptz      NOT NULL DEFAULT now(),
    updated_at  timestamptz      NOT NULL DEFAULT now(),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX goals_by_client ON goals (agency_id, client_id, deadline);

GRANT SELECT, INSERT, UPDATE, DELETE ON goals TO zoomfactor_app;

ALTER TABLE goals ENABLE ROW LEVEL SECURITY;
ALTER TABLE goals FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON goals
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
