-- When each client's data (observations or posts) last changed, for the portfolio's "last data" column: kept by the
-- same statement-level triggers that bump the score input version, so one row per client answers it without reading
-- the observations.

ALTER TABLE score_input_versions ADD COLUMN data_changed_at timestamptz;

-- the clients written before this column existed: their latest written row
UPDATE score_input_versions v
   SET data_changed_at = (SELECT max(t.at) FROM (
           SELECT max(o.updated_at) AS at FROM observations o WHERE o.agency_id = v.agency_id AND o.client_id = v.client_id
           UNION ALL
           SELECT max(p.updated_at) FROM posts p WHERE p.agency_id = v.agency_id AND p.client_id = v.client_id) t);

CREATE OR REPLACE FUNCTION bump_score_input_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO score_input_versions AS v (agency_id, client_id, version, data_changed_at)
    SELECT DISTINCT ch.agency_id, ch.client_id, 1, now() FROM changed ch
     WHERE EXISTS (SELECT 1 FROM clients c WHERE c.agency_id = ch.agency_id AND c.id = ch.client_id)
    ON CONFLICT (agency_id, client_id) DO UPDATE SET version = v.version + 1, data_changed_at = now();
    RETURN NULL;
END
$$;
