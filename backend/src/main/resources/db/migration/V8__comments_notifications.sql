-- Comments: threads pinned to a client, a metric, or a metric on a day, with replies and @mentions; and each
-- person's notifications (a mention, for now).

CREATE TABLE comments (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    -- a reply names the thread's first comment; replies to replies join the same thread
    parent_id  uuid        REFERENCES comments ON DELETE CASCADE,
    metric     text        CHECK (length(metric) BETWEEN 1 AND 100),
    day        date,
    text       text        NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    author_id  uuid        REFERENCES users ON DELETE SET NULL,
    mentions   uuid[]      NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (day IS NULL OR metric IS NOT NULL),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX comments_by_client ON comments (agency_id, client_id, created_at);
CREATE INDEX comments_by_parent ON comments (parent_id);

CREATE TABLE notifications (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id  uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    person_id  uuid        NOT NULL REFERENCES users ON DELETE CASCADE,
    client_id  uuid        NOT NULL,
    kind       text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
    comment_id uuid        REFERENCES comments ON DELETE CASCADE,
    summary    text        NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX notifications_by_person ON notifications (agency_id, person_id, id);

GRANT SELECT, INSERT, UPDATE, DELETE ON comments, notifications TO zoomfactor_app;

ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON comments
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON notifications
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
