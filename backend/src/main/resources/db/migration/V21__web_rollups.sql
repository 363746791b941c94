-- Daily rollups of the tracker's figures (docs/web-analytics.md): per client and day of its time zone, the day's
-- totals and each breakdown's top values, as sums that add up over a period. The dashboard reads these and computes
-- from raw events only what no rollup holds yet: the minutes since today's was made, and days never rolled up.
-- computed_through is where the row's events end (the day's end once the day is over); zone is the time zone the day
-- was cut in (a client whose zone changed has its days rolled up again).
CREATE TABLE web_days (
    agency_id          uuid        NOT NULL,
    client_id          uuid        NOT NULL,
    day                date        NOT NULL,
    zone               text        NOT NULL,
    computed_through   timestamptz NOT NULL,
    visitors           bigint      NOT NULL CHECK (visitors >= 0),
    visits             bigint      NOT NULL CHECK (visits >= 0),
    pageviews          bigint      NOT NULL CHECK (pageviews >= 0),
    bounces            bigint      NOT NULL CHECK (bounces >= 0),
    duration_ms        bigint      NOT NULL CHECK (duration_ms >= 0),
    engaged_ms         bigint      NOT NULL CHECK (engaged_ms >= 0),
    returning_visitors bigint      NOT NULL CHECK (returning_visitors >= 0),
    PRIMARY KEY (agency_id, client_id, day),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);

-- dimension is a breakdown's name (PAGE, ENTRY, EXIT, SOURCE, REFERRER, BROWSER, OS, DEVICE); a day keeps each one's
-- top values only (docs/web-analytics.md says how many)
CREATE TABLE web_day_values (
    agency_id uuid   NOT NULL,
    client_id uuid   NOT NULL,
    day       date   NOT NULL,
    dimension text   NOT NULL CHECK (length(dimension) <= 20),
    value     text   NOT NULL CHECK (length(value) <= 1000),
    visitors  bigint NOT NULL,
    visits    bigint NOT NULL,
    pageviews bigint NOT NULL,
    PRIMARY KEY (agency_id, client_id, dimension, day, value),
    FOREIGN KEY (agency_id, client_id, day) REFERENCES web_days (agency_id, client_id, day) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON web_days, web_day_values TO zoomfactor_app;
ALTER TABLE web_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE web_days FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON web_days
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
ALTER TABLE web_day_values ENABLE ROW LEVEL SECURITY;
ALTER TABLE web_day_values FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON web_day_values
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
