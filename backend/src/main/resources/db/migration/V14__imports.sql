-- Imports as durable jobs: an uploaded file (kept on the receiving server's disk until its job ends) is read by a
-- worker in one transaction — all of it is written, or nothing — while this row says how far it got. A server that
-- stops mid-import rolls the transaction back; at its next start it runs the job again from its file, or fails it
-- with a message when the file is gone.
CREATE TABLE imports (
    id           uuid        PRIMARY KEY,
    agency_id    uuid        NOT NULL,
    client_id    uuid        NOT NULL,
    created_by   uuid        REFERENCES users ON DELETE SET NULL,
    token_id     uuid,
    dry_run      boolean     NOT NULL,
    state        text        NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    file_name    text        CHECK (length(file_name) <= 255),
    bytes        bigint      NOT NULL CHECK (bytes >= 0),
    bytes_read   bigint      NOT NULL DEFAULT 0,
    rows_read    bigint      NOT NULL DEFAULT 0,
    points       bigint      NOT NULL DEFAULT 0,
    posts        bigint      NOT NULL DEFAULT 0,
    -- what was recognised: the format's key and label, how the file was read, and its original header
    format       text,
    format_label text,
    read_as      text,
    header       text,
    -- counts, metrics, date range and preview once done; problems (by sheet and line) when failed
    result       jsonb,
    errors       jsonb,
    message      text,
    attempts     integer     NOT NULL DEFAULT 0,
    -- the server that holds the uploaded file (its id, kept in its data directory): only it can run the job
    node         uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX imports_by_client ON imports (agency_id, client_id, created_at DESC);
CREATE INDEX imports_unfinished ON imports (created_at) WHERE state IN ('queued', 'running');

GRANT SELECT, INSERT, UPDATE, DELETE ON imports TO zoomfactor_app;

ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON imports
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

-- The jobs a server left unfinished when it stopped, across agencies (each is then read and run under its own agency):
-- only that server has their files.
CREATE FUNCTION unfinished_imports(server uuid)
    RETURNS TABLE (agency_id uuid, id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT agency_id, id FROM imports WHERE node = server AND state IN ('queued', 'running') ORDER BY created_at
$$;
REVOKE ALL ON FUNCTION unfinished_imports(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unfinished_imports(uuid) TO zoomfactor_app;
