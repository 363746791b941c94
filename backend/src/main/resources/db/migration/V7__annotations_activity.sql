-- Annotations on a client's timeline ("campaign launched"), and the client's activity feed: who did what, when.

CREATE TABLE annotations (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    day        date        NOT NULL,
    text       text        NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    -- the metric it is about; NULL: the client as a whole
    metric     text        CHECK (length(metric) BETWEEN 1 AND 100),
    created_by uuid        REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (agency_id, id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX annotations_by_client ON annotations (agency_id, client_id, day);

CREATE TABLE activity (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    -- who: a person (name kept as it was then), or a machine's API token (its name)
    actor_id   uuid,
    actor_name text        NOT NULL,
    kind       text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
    summary    text        NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX activity_by_client ON activity (agency_id, client_id, id);

GRANT SELECT, INSERT, UPDATE, DELETE ON annotations, activity TO zoomfactor_app;

ALTER TABLE annotations ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotations FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON annotations
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE activity ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON activity
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
