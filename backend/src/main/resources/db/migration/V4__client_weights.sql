-- The component weights an agency chose for a client; a client without a row uses the documented defaults.
CREATE TABLE client_weights (
    agency_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    -- {"attention": 0.15, ...}: component key → non-negative weight, at least one positive
    weights    jsonb       NOT NULL,
    updated_by uuid        REFERENCES users ON DELETE SET NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, client_id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON client_weights TO zoomfactor_app;

ALTER TABLE client_weights ENABLE ROW LEVEL SECURITY;
ALTER TABLE client_weights FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON client_weights
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
