-- Share links: a read-only view of one client's dashboard for whoever holds the link, no sign-in. The link's text
-- (zfs_...) names its agency and id, so the public lookup runs under that agency's row-level security like any other
-- tenant read (as API tokens and live tickets do); only the SHA-256 of its 256-bit secret is stored.
CREATE TABLE share_links (
    id            uuid        PRIMARY KEY,
    agency_id     uuid        NOT NULL,
    client_id     uuid        NOT NULL,
    secret_hash   bytea       NOT NULL CHECK (length(secret_hash) = 32),
    -- argon2id PHC string; NULL: no password
    password_hash text        CHECK (length(password_hash) <= 500),
    expires_at    timestamptz,
    created_by    uuid        REFERENCES users ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX share_links_by_client ON share_links (agency_id, client_id, created_at);

-- Password attempts per link, kept in the database so that every server instance counts the same guesses; a row is
-- written before the password is checked and deleted when it was right, so only wrong guesses remain. Rows older
-- than the throttle's window count for nothing and are pruned as new attempts arrive.
CREATE TABLE share_link_attempts (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id uuid        NOT NULL,
    link_id   uuid        NOT NULL REFERENCES share_links ON DELETE CASCADE,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX share_link_attempts_by_link ON share_link_attempts (link_id, at);

GRANT SELECT, INSERT, UPDATE, DELETE ON share_links, share_link_attempts TO zoomfactor_app;

ALTER TABLE share_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE share_links FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON share_links
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE share_link_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE share_link_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON share_link_attempts
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
