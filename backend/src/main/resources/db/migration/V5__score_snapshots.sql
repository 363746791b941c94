-- The Zoom Factor's history: one row each time a client's score was recomputed and came out different, with
-- what caused it. A change of data, of weights and of methodology are separate causes, so that a formula change
-- never passes for a change in the client's audience.
CREATE TABLE score_snapshots (
    id                  bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id           uuid             NOT NULL,
    client_id           uuid             NOT NULL,
    computed_at         timestamptz      NOT NULL DEFAULT now(),
    -- the last day of the scored window
    as_of               date             NOT NULL,
    score               double precision NOT NULL,
    quality             double precision NOT NULL,
    coverage            double precision NOT NULL,
    authenticity_factor double precision NOT NULL,
    methodology_version text             NOT NULL,
    -- {"attention": 0.15, ...}: the weights the score was computed with
    weights             jsonb            NOT NULL,
    cause               text             NOT NULL CHECK (cause IN ('data', 'weights', 'methodology')),
    -- the score just before this one, when the cause is a change of weights or methodology: old and new side by side
    previous_score      double precision,
    -- the whole explanation (components, metrics, signals, drivers) as the API renders it
    explanation         jsonb            NOT NULL,
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX score_snapshots_by_client ON score_snapshots (agency_id, client_id, computed_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON score_snapshots TO zoomfactor_app;

ALTER TABLE score_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE score_snapshots FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON score_snapshots
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
