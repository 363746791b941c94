-- First-party web analytics (docs/web-analytics.md): a client's tracked sites, the page events their script sends,
-- the daily random salts of the visitor ids, and the bot hits counted (never stored as events).

-- A site belongs to one client of one agency. Its domain is unique across the product (events are attributed by it);
-- its key, random and unguessable, is what the public script sends. The public ingest finds a key's site through
-- tracked_site() below, the one read across agencies, which answers only that one row.
CREATE TABLE sites (
    id                 uuid        PRIMARY KEY,
    agency_id          uuid        NOT NULL,
    client_id          uuid        NOT NULL,
    domain             text        NOT NULL UNIQUE CHECK (length(domain) BETWEEN 1 AND 253 AND domain = lower(domain)),
    site_key           text        NOT NULL UNIQUE CHECK (length(site_key) BETWEEN 16 AND 64),
    returning_visitors boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX sites_by_client ON sites (agency_id, client_id, created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON sites TO zoomfactor_app;
ALTER TABLE sites ENABLE ROW LEVEL SECURITY;
ALTER TABLE sites FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON sites
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

CREATE FUNCTION tracked_site(key text)
    RETURNS TABLE (id uuid, agency_id uuid, client_id uuid, domain text, returning_visitors boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT id, agency_id, client_id, domain, returning_visitors FROM sites WHERE site_key = key
$$;
REVOKE ALL ON FUNCTION tracked_site(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tracked_site(text) TO zoomfactor_app;

-- Page events: append-only, partitioned by month (the server creates the partitions ahead through
-- page_event_partition()), BRIN-indexed on time. No IP address and no raw User-Agent: the visitor is a 64-bit hash of
-- the day's random salt, the site, the IP and the User-Agent; browser, OS and device are classes derived from the
-- User-Agent and the screen width.
CREATE TABLE page_events (
    agency_id      uuid        NOT NULL,
    client_id      uuid        NOT NULL,
    site_id        uuid        NOT NULL REFERENCES sites ON DELETE CASCADE,
    at             timestamptz NOT NULL,
    visitor        bigint      NOT NULL,
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    path           text        NOT NULL CHECK (length(path) <= 1000),
    referrer_host  text        CHECK (length(referrer_host) <= 253),
    referrer_path  text        CHECK (length(referrer_path) <= 1000),
    utm_source     text        CHECK (length(utm_source) <= 200),
    utm_medium     text        CHECK (length(utm_medium) <= 200),
    utm_campaign   text        CHECK (length(utm_campaign) <= 200),
    browser        text        NOT NULL CHECK (length(browser) <= 40),
    os             text        NOT NULL CHECK (length(os) <= 40),
    device         text        NOT NULL CHECK (length(device) <= 20),
    width          integer,
    engaged_ms     integer     CHECK (engaged_ms >= 0),
    is_returning   boolean,
    props          jsonb
) PARTITION BY RANGE (at);
CREATE INDEX page_events_at ON page_events USING brin (at);
CREATE INDEX page_events_by_site ON page_events (site_id, at);

-- append-only for the server: rows leave only with their site (and its client), by the foreign key's cascade
GRANT SELECT, INSERT ON page_events TO zoomfactor_app;
REVOKE UPDATE, DELETE ON page_events FROM zoomfactor_app;
ALTER TABLE page_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE page_events FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON page_events
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

-- The month's partition, created when missing; the application role reaches the rows only through page_events (and
-- its agency policy), never a partition directly (which has the same policy all the same).
CREATE FUNCTION page_event_partition(month date) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    first date := date_trunc('month', month)::date;
    name  text := 'page_events_' || to_char(first, 'YYYY_MM');
BEGIN
    -- servers racing for the same month wait for each other here (the lock ends with the calling statement's transaction)
    PERFORM pg_advisory_xact_lock(hashtext(name));
    IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF page_events FOR VALUES FROM (%L) TO (%L)',
                       name, to_char(first, 'YYYY-MM-DD') || ' 00:00:00+00',
                       to_char(first + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
        EXECUTE format('REVOKE ALL ON %I FROM zoomfactor_app', name);
        -- locked like every tenant table, should a partition ever be reached directly
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', name);
        EXECUTE format('CREATE POLICY agency_isolation ON %I USING (agency_id = (SELECT current_agency_id()))'
                       ' WITH CHECK (agency_id = (SELECT current_agency_id()))', name);
    END IF;
    RETURN name;
END
$$;
REVOKE ALL ON FUNCTION page_event_partition(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION page_event_partition(date) TO zoomfactor_app;

-- One random salt per UTC day (SecureRandom, 32 bytes), shared by every instance: the first to need it inserts it,
-- the others read it. Never derived from the date; deleted 48 hours after it was made, so yesterday's visitor ids
-- can no longer be recomputed by anyone.
CREATE TABLE visitor_salts (
    day        date        PRIMARY KEY,
    salt       bytea       NOT NULL CHECK (length(salt) = 32),
    created_at timestamptz NOT NULL
);
GRANT SELECT, INSERT, DELETE ON visitor_salts TO zoomfactor_app;

-- Hits refused as bots (User-Agent list, headless hints, referrer spam), counted per site and UTC day.
CREATE TABLE bot_hits (
    agency_id uuid   NOT NULL,
    site_id   uuid   NOT NULL REFERENCES sites ON DELETE CASCADE,
    day       date   NOT NULL,
    hits      bigint NOT NULL CHECK (hits >= 0),
    PRIMARY KEY (site_id, day)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON bot_hits TO zoomfactor_app;
ALTER TABLE bot_hits ENABLE ROW LEVEL SECURITY;
ALTER TABLE bot_hits FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON bot_hits
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
