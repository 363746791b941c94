-- The addresses that left a client's scheduled reports by their e-mail's unsubscribe link (docs/email-and-webhooks.md,
-- "Unsubscribe"). While an address is here, no schedule of that client takes it again and no report goes to it; only
-- an owner or admin of the agency lifts it (the recipient asked to be added back).
CREATE TABLE report_unsubscribes (
    agency_id       uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    client_id       uuid        NOT NULL,
    -- lower case: addresses are compared without their case, as the unsubscribe token hashes them
    address         text        NOT NULL CHECK (address = lower(address) AND length(address) BETWEEN 3 AND 320),
    unsubscribed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, client_id, address),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, DELETE ON report_unsubscribes TO zoomfactor_app;
ALTER TABLE report_unsubscribes ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_unsubscribes FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON report_unsubscribes
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
