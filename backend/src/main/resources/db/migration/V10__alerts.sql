-- Alerts: rules per client (a threshold on a metric or the Zoom Factor, or a metric's adaptive band), the alerts
-- they fire (one per rule and day, however many instances evaluate at once), acknowledgements, and notifications
-- and comments that point at an alert.

CREATE TABLE alert_rules (
    id          uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id   uuid             NOT NULL,
    client_id   uuid             NOT NULL,
    kind        text             NOT NULL CHECK (kind IN ('threshold', 'adaptive')),
    -- NULL: the Zoom Factor itself (threshold rules only: the score has no adaptive band)
    metric      text             CHECK (length(metric) BETWEEN 1 AND 100),
    direction   text             NOT NULL CHECK (direction IN ('above', 'below', 'either')),
    threshold   double precision,
    enabled     boolean          NOT NULL DEFAULT true,
    -- days before this one are history to the rule, never alerts (a new rule does not fire for the past)
    active_from date             NOT NULL,
    created_by  uuid             REFERENCES users ON DELETE SET NULL,
    created_at  timestamptz      NOT NULL DEFAULT now(),
    updated_at  timestamptz      NOT NULL DEFAULT now(),
    UNIQUE (agency_id, id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE,
    CHECK ((kind = 'threshold') = (threshold IS NOT NULL)),
    CHECK (kind = 'adaptive' OR direction <> 'either'),
    CHECK (kind = 'threshold' OR metric IS NOT NULL)
);
CREATE INDEX alert_rules_by_client ON alert_rules (agency_id, client_id, created_at);

CREATE TABLE alerts (
    id            uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id     uuid             NOT NULL,
    client_id     uuid             NOT NULL,
    rule_id       uuid             NOT NULL,
    day           date             NOT NULL,
    value         double precision NOT NULL,
    -- what the value was held against: a threshold, or a band around its baseline
    threshold     double precision,
    band_low      double precision,
    band_high     double precision,
    baseline      double precision,
    message       text             NOT NULL CHECK (length(message) BETWEEN 1 AND 1000),
    fired_at      timestamptz      NOT NULL DEFAULT now(),
    acknowledged_by uuid           REFERENCES users ON DELETE SET NULL,
    acknowledged_at timestamptz,
    ack_note      text             CHECK (length(ack_note) BETWEEN 1 AND 2000),
    -- the same breach never fires twice, even from two instances evaluating at once
    UNIQUE (rule_id, day),
    UNIQUE (agency_id, id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, rule_id) REFERENCES alert_rules (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX alerts_by_client ON alerts (agency_id, client_id, fired_at DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON alert_rules, alerts TO zoomfactor_app;

ALTER TABLE alert_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON alert_rules
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON alerts
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

-- a notification is a mention (of a comment) or an alert (fired)
ALTER TABLE notifications ADD COLUMN alert_id uuid REFERENCES alerts ON DELETE CASCADE;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_reference CHECK (
    (kind = 'mention' AND comment_id IS NOT NULL) OR (kind = 'alert' AND alert_id IS NOT NULL));

-- a comment thread may be pinned to an alert (its discussion)
-- a discussion outlives its alert (a deleted rule takes its alerts along): the thread stays, pinned to the client
ALTER TABLE comments ADD COLUMN alert_id uuid REFERENCES alerts ON DELETE SET NULL;
ALTER TABLE comments ADD CHECK (alert_id IS NULL OR (metric IS NULL AND parent_id IS NULL));
CREATE INDEX comments_by_alert ON comments (alert_id) WHERE alert_id IS NOT NULL;
