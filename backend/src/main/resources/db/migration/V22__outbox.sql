-- Delivery beyond the app (docs/email-and-webhooks.md): the durable outbox of e-mails and webhook calls, written in
-- the transaction of the change that causes them and delivered by a worker on any instance; the agency's webhooks;
-- each person's notification preferences and the daily digests sent; goals reached as notifications; and the channels
-- of an alert rule.

-- A webhook: where an agency (or one of its clients) wants events posted. The secret signs every delivery; it is
-- shown once, at creation, and kept here to sign with.
CREATE TABLE webhooks (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id  uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    -- set: only this client's events; NULL: every client's
    client_id  uuid,
    url        text        NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
    events     text[]      NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 20),
    -- how the body is shaped: the signed JSON event, or what Slack's and Teams' incoming webhooks accept
    format     text        NOT NULL CHECK (format IN ('json', 'slack', 'teams')),
    secret     text        NOT NULL CHECK (length(secret) BETWEEN 32 AND 100),
    created_by uuid        REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (agency_id, id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX webhooks_by_agency ON webhooks (agency_id, created_at);

-- One delivery: an e-mail to one recipient, or one call of one webhook. dedupe_key names its cause (the same cause
-- enqueued twice is one delivery); the row's id is the idempotency key the receiver sees. While a worker delivers
-- it, next_attempt_at is the end of the worker's lease: a worker that dies leaves it due again when the lease ends.
CREATE TABLE outbox (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id       uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    client_id       uuid,
    channel         text        NOT NULL CHECK (channel IN ('email', 'webhook')),
    kind            text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
    dedupe_key      text        NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),
    -- an e-mail address, or the webhook's URL when it was enqueued
    recipient       text        NOT NULL CHECK (length(recipient) BETWEEN 3 AND 2048),
    webhook_id      uuid,
    subject         text        CHECK (length(subject) <= 300),
    body_text       text,
    body_html       text,
    -- an e-mail's extra headers (List-Unsubscribe, …), name → value
    headers         jsonb       NOT NULL DEFAULT '{}',
    -- a webhook's body, exactly as signed and sent
    payload         text,
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    max_attempts    integer     NOT NULL CHECK (max_attempts BETWEEN 1 AND 50),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_status     integer,
    last_error      text        CHECK (length(last_error) <= 1000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (agency_id, dedupe_key),
    UNIQUE (agency_id, id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, webhook_id) REFERENCES webhooks (agency_id, id) ON DELETE CASCADE,
    CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL AND payload IS NOT NULL)),
    CHECK (channel = 'webhook' OR (subject IS NOT NULL AND body_text IS NOT NULL))
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_by_agency ON outbox (agency_id, created_at DESC);
CREATE INDEX outbox_by_webhook ON outbox (agency_id, webhook_id, created_at DESC) WHERE webhook_id IS NOT NULL;

-- Every attempt of a delivery: when, the answer (an HTTP status, an SMTP reply code) or the error, how long it took.
CREATE TABLE outbox_attempts (
    agency_id   uuid        NOT NULL,
    outbox_id   uuid        NOT NULL,
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    status      integer,
    error       text        CHECK (length(error) <= 1000),
    duration_ms integer     NOT NULL,
    PRIMARY KEY (outbox_id, attempt),
    FOREIGN KEY (agency_id, outbox_id) REFERENCES outbox (agency_id, id) ON DELETE CASCADE
);

-- An e-mail's attachments (a report's PDF), stored with it so that a retry sends the same bytes.
CREATE TABLE outbox_attachments (
    agency_id    uuid    NOT NULL,
    outbox_id    uuid    NOT NULL,
    position     integer NOT NULL,
    name         text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    content_type text    NOT NULL CHECK (length(content_type) BETWEEN 3 AND 100),
    data         bytea   NOT NULL,
    PRIMARY KEY (outbox_id, position),
    FOREIGN KEY (agency_id, outbox_id) REFERENCES outbox (agency_id, id) ON DELETE CASCADE
);

-- How a person wants to hear of each topic in an agency: in the app only, by e-mail at once, or in the daily digest
-- (in the app always). No row: the default of delivery_of() below.
CREATE TABLE notification_preferences (
    agency_id  uuid        NOT NULL,
    person_id  uuid        NOT NULL,
    topic      text        NOT NULL CHECK (topic IN ('mention', 'alert', 'goal')),
    delivery   text        NOT NULL CHECK (delivery IN ('in_app', 'email', 'digest')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, person_id, topic),
    FOREIGN KEY (agency_id, person_id) REFERENCES memberships (agency_id, user_id) ON DELETE CASCADE
);

-- The digests sent: one per person, agency and day; each covers the notifications up to covered_until.
CREATE TABLE digests (
    agency_id     uuid        NOT NULL,
    person_id     uuid        NOT NULL,
    day           date        NOT NULL,
    covered_until timestamptz NOT NULL,
    PRIMARY KEY (agency_id, person_id, day),
    FOREIGN KEY (agency_id, person_id) REFERENCES memberships (agency_id, user_id) ON DELETE CASCADE
);
CREATE INDEX notifications_by_time ON notifications (created_at);

-- The delivery a person chose for a topic, or its default: both topics by e-mail at once.
CREATE FUNCTION delivery_of(agency uuid, person uuid, wanted text) RETURNS text
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce((SELECT delivery FROM notification_preferences
                      WHERE agency_id = agency AND person_id = person AND topic = wanted), 'email')
$$;

-- A goal reached is a notification too (once per goal and target: reached_at is cleared when the target changes).
ALTER TABLE goals ADD COLUMN reached_at timestamptz;
ALTER TABLE notifications ADD COLUMN goal_id uuid REFERENCES goals ON DELETE CASCADE;
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_reference;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_reference CHECK (
    (kind = 'mention' AND comment_id IS NOT NULL) OR (kind = 'alert' AND alert_id IS NOT NULL)
    OR (kind = 'goal' AND goal_id IS NOT NULL));

-- An alert rule says where its alerts go.
ALTER TABLE alert_rules ADD COLUMN channels text[] NOT NULL DEFAULT '{in_app,email,webhook}'
    CHECK (channels <@ ARRAY['in_app', 'email', 'webhook']);

GRANT SELECT, INSERT, UPDATE, DELETE
    ON webhooks, outbox, outbox_attempts, outbox_attachments, notification_preferences, digests TO zoomfactor_app;

ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhooks FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON webhooks
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON outbox
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
ALTER TABLE outbox_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON outbox_attempts
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
ALTER TABLE outbox_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON outbox_attachments
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON notification_preferences
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
ALTER TABLE digests ENABLE ROW LEVEL SECURITY;
ALTER TABLE digests FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON digests
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

-- The two reads across agencies, as in V13: they run as their owner (the role that migrates), which may claim due
-- deliveries and find who is due a digest in every agency; the application role gets back ids only, and reads and
-- writes each row under its own agency.
DO $$
BEGIN
    EXECUTE format('CREATE POLICY delivery_worker ON outbox FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
    EXECUTE format('CREATE POLICY digest_scan ON notifications FOR SELECT TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY digest_scan ON notification_preferences FOR SELECT TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY digest_scan ON digests FOR SELECT TO %I USING (true)', current_user);
END
$$;

-- Claims up to max_rows due deliveries for lease_ms (several workers claim different rows: SKIP LOCKED), counting
-- the attempt; answers which.
CREATE FUNCTION claim_deliveries(lease_ms integer, max_rows integer)
    RETURNS TABLE (agency_id uuid, id uuid)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    UPDATE outbox o SET next_attempt_at = clock_timestamp() + make_interval(secs => lease_ms / 1000.0),
                        attempts = o.attempts + 1
     WHERE o.id IN (SELECT d.id FROM outbox d
                     WHERE d.state = 'pending' AND d.next_attempt_at <= clock_timestamp()
                     ORDER BY d.next_attempt_at LIMIT max_rows FOR UPDATE SKIP LOCKED)
    RETURNING o.agency_id, o.id
$$;
REVOKE ALL ON FUNCTION claim_deliveries(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_deliveries(integer, integer) TO zoomfactor_app;

-- Deliveries settled (delivered or failed) more than keep_days ago leave, with their attempts: the log is for
-- finding out what happened lately, not an archive. How many left.
CREATE FUNCTION prune_deliveries(keep_days integer) RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    WITH gone AS (DELETE FROM outbox WHERE state <> 'pending' AND created_at < now() - make_interval(days => keep_days)
                  RETURNING 1)
    SELECT count(*) FROM gone
$$;
REVOKE ALL ON FUNCTION prune_deliveries(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION prune_deliveries(integer) TO zoomfactor_app;

-- The people due a digest for `day` at `cutoff`: with notifications of a topic they take in the digest, newer than
-- their last digest (or than a day before the cutoff, for their first), and no digest for that day yet.
CREATE FUNCTION digest_candidates(for_day date, cutoff timestamptz)
    RETURNS TABLE (agency_id uuid, person_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT n.agency_id, n.person_id
      FROM notifications n
     WHERE n.created_at > cutoff - interval '2 days' AND n.created_at <= cutoff
       AND delivery_of(n.agency_id, n.person_id, n.kind) = 'digest'
       AND NOT EXISTS (SELECT 1 FROM digests d
                        WHERE d.agency_id = n.agency_id AND d.person_id = n.person_id AND d.day = for_day)
       AND n.created_at > coalesce((SELECT max(d.covered_until) FROM digests d
                                     WHERE d.agency_id = n.agency_id AND d.person_id = n.person_id),
                                   cutoff - interval '1 day')
$$;
REVOKE ALL ON FUNCTION digest_candidates(date, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION digest_candidates(date, timestamptz) TO zoomfactor_app;
