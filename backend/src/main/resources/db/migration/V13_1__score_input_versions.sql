-- What a score snapshot was computed from, so that GET /score can answer the stored snapshot instead of running the
-- engine again. Every statement that writes a client's observations or posts bumps the client's input version in
-- the same transaction (triggers, so that no writer can forget it); a snapshot records the version it read before
-- it read the data, and is current while the version is unchanged (and the day, weights and methodology are too).

CREATE TABLE score_input_versions (
    agency_id uuid   NOT NULL,
    client_id uuid   NOT NULL,
    version   bigint NOT NULL,
    PRIMARY KEY (agency_id, client_id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON score_input_versions TO zoomfactor_app;

ALTER TABLE score_input_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE score_input_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON score_input_versions
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

-- null for snapshots recorded before versions existed: never current, recomputed (and confirmed) on the next read
ALTER TABLE score_snapshots ADD COLUMN input_version bigint;

-- Once per statement, not per row: a bulk insert of 100,000 observations bumps each client it touched once. A client
-- deleted in this transaction (its rows cascading away) is skipped: it has no version to keep.
CREATE FUNCTION bump_score_input_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO score_input_versions AS v (agency_id, client_id, version)
    SELECT DISTINCT ch.agency_id, ch.client_id, 1 FROM changed ch
     WHERE EXISTS (SELECT 1 FROM clients c WHERE c.agency_id = ch.agency_id AND c.id = ch.client_id)
    ON CONFLICT (agency_id, client_id) DO UPDATE SET version = v.version + 1;
    RETURN NULL;
END
$$;

-- transition tables allow one event per trigger: three triggers per table
CREATE TRIGGER observations_inserted_bump_score_input AFTER INSERT ON observations
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_score_input_version();
CREATE TRIGGER observations_updated_bump_score_input AFTER UPDATE ON observations
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_score_input_version();
CREATE TRIGGER observations_deleted_bump_score_input AFTER DELETE ON observations
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_score_input_version();
CREATE TRIGGER posts_inserted_bump_score_input AFTER INSERT ON posts
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_score_input_version();
CREATE TRIGGER posts_updated_bump_score_input AFTER UPDATE ON posts
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_score_input_version();
CREATE TRIGGER posts_deleted_bump_score_input AFTER DELETE ON posts
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_score_input_version();
