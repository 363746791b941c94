-- The live channel: every change a dashboard should see becomes an event with a per-client sequence number,
-- assigned inside the transaction that makes the change, so that numbers follow commit order without gaps. Events
-- are kept for resuming (at least 10 minutes or the last 10,000 of a client) and announced to every server instance
-- with NOTIFY, which PostgreSQL delivers at commit, in commit order.

CREATE TABLE live_sequences (
    agency_id uuid   NOT NULL,
    client_id uuid   NOT NULL,
    seq       bigint NOT NULL,
    PRIMARY KEY (agency_id, client_id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE live_events (
    agency_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    seq        bigint      NOT NULL,
    kind       text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    data       jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, client_id, seq),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);

-- Single-use, short-lived tickets that open a WebSocket without putting a long-lived token in a URL. The ticket
-- text carries the agency and the id (like API tokens); only a hash of its secret is stored.
CREATE TABLE live_tickets (
    id          uuid        PRIMARY KEY,
    agency_id   uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    secret_hash bytea       NOT NULL,
    -- exactly one of: the person who asked, or the API token that asked
    person_id   uuid        REFERENCES users ON DELETE CASCADE,
    token_id    uuid,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CHECK ((person_id IS NULL) <> (token_id IS NULL))
);
CREATE INDEX live_tickets_by_expiry ON live_tickets (agency_id, expires_at);

-- Who is looking at which client, one row per socket and client; rows of a server instance that died without
-- saying goodbye stop counting once they are not refreshed (seen_at) for a while.
CREATE TABLE live_presence (
    session_id uuid        NOT NULL,
    agency_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    person_id  uuid        NOT NULL REFERENCES users ON DELETE CASCADE,
    since      timestamptz NOT NULL DEFAULT now(),
    seen_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, client_id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX live_presence_by_client ON live_presence (agency_id, client_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON live_sequences, live_events, live_tickets, live_presence TO zoomfactor_app;

ALTER TABLE live_sequences ENABLE ROW LEVEL SECURITY;
ALTER TABLE live_sequences FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON live_sequences
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE live_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE live_events FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON live_events
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE live_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE live_tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON live_tickets
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE live_presence ENABLE ROW LEVEL SECURITY;
ALTER TABLE live_presence FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON live_presence
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
