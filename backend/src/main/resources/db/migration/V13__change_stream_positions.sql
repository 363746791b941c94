-- The live-event outbox is the one change stream: the score recomputer and the alert watcher consume it. Each keeps
-- here, per client, the seq up to which it has done its work (written in the transaction of that work), so that
-- after a restart or a lost relay connection it can find what was committed meanwhile. live_sequences keeps each
-- client's latest seq even after its events were pruned, so a position is always comparable with it.
CREATE TABLE stream_positions (
    consumer  text   NOT NULL CHECK (length(consumer) BETWEEN 1 AND 40),
    agency_id uuid   NOT NULL,
    client_id uuid   NOT NULL,
    seq       bigint NOT NULL,
    PRIMARY KEY (consumer, agency_id, client_id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON stream_positions TO zoomfactor_app;

ALTER TABLE stream_positions ENABLE ROW LEVEL SECURITY;
ALTER TABLE stream_positions FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON stream_positions
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

-- The catch-up scan is the one read across agencies. It runs as this function's owner (the role that migrates),
-- which may read the ids and numbers of these three tables, and nothing else, in every agency; the application
-- role stays under the agency policies, and gets back only ids and kind names.
DO $$
BEGIN
    EXECUTE format('CREATE POLICY stream_catch_up ON live_sequences FOR SELECT TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY stream_catch_up ON live_events FOR SELECT TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY stream_catch_up ON stream_positions FOR SELECT TO %I USING (true)', current_user);
END
$$;

-- Clients with an event of one of the wanted kinds past the consumer's position, and which of those kinds came;
-- when the event right after the position was pruned, what came is unknown, so every wanted kind is assumed.
CREATE FUNCTION stream_backlog(consumer_name text, wanted text[])
    RETURNS TABLE (agency_id uuid, client_id uuid, kinds text[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT behind.agency_id, behind.client_id, behind.kinds
      FROM (SELECT s.agency_id, s.client_id,
                   CASE WHEN NOT EXISTS (SELECT 1 FROM live_events e
                                          WHERE e.agency_id = s.agency_id AND e.client_id = s.client_id
                                            AND e.seq = coalesce(p.seq, 0) + 1)
                        THEN wanted
                        ELSE (SELECT array_agg(DISTINCT e.kind) FROM live_events e
                               WHERE e.agency_id = s.agency_id AND e.client_id = s.client_id
                                 AND e.seq > coalesce(p.seq, 0) AND e.kind = ANY (wanted))
                   END AS kinds
              FROM live_sequences s
              LEFT JOIN stream_positions p
                     ON p.consumer = consumer_name AND p.agency_id = s.agency_id AND p.client_id = s.client_id
             WHERE s.seq > coalesce(p.seq, 0)) behind
     WHERE behind.kinds IS NOT NULL
$$;
REVOKE ALL ON FUNCTION stream_backlog(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stream_backlog(text, text[]) TO zoomfactor_app;
