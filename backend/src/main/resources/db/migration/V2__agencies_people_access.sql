-- Agencies (the tenants), people, their memberships and access tokens, and the first tenant-owned resource:
-- clients. Tenant isolation is locked twice: every query names the caller's agency, and row-level security
-- on every tenant-owned table only shows rows of the agency named by the transaction's zf.agency_id setting.

-- The server works as this role: it owns nothing and cannot bypass row-level security. Roles belong to the
-- whole PostgreSQL cluster, so another database of the same cluster may have created it already.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zoomfactor_app') THEN
        CREATE ROLE zoomfactor_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
END
$$;
GRANT zoomfactor_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO zoomfactor_app;
-- every table that later migrations create is the server's to read and write, under its policies
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO zoomfactor_app;
GRANT SELECT ON installation TO zoomfactor_app;

-- The agency and the person a transaction acts for; NULL when the transaction did not say.
CREATE FUNCTION current_agency_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('zf.agency_id', true), '')::uuid $$;
CREATE FUNCTION current_person_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('zf.person_id', true), '')::uuid $$;

CREATE TABLE agencies (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- People are global: one person may belong to several agencies. Not tenant-owned, so no agency policy;
-- only the sign-in code reads it by e-mail.
CREATE TABLE users (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE clients (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id  uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    website    text        CHECK (length(website) <= 2048),
    time_zone  text        NOT NULL DEFAULT 'UTC',
    channels   text[]      NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (agency_id, id)
);
CREATE INDEX clients_by_agency ON clients (agency_id, lower(name));

CREATE TABLE memberships (
    agency_id  uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'viewer')),
    -- set for a client viewer: a viewer who may see this one client only
    client_id  uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, user_id),
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE,
    CHECK (client_id IS NULL OR role = 'viewer')
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE invitations (
    id          uuid        PRIMARY KEY,
    agency_id   uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    email       text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role        text        NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'viewer')),
    client_id   uuid,
    secret_hash bytea       NOT NULL,
    invited_by  uuid        REFERENCES users ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id) ON DELETE CASCADE,
    CHECK (client_id IS NULL OR role = 'viewer')
);
CREATE INDEX invitations_by_agency ON invitations (agency_id, created_at);

CREATE TABLE api_tokens (
    id           uuid        PRIMARY KEY,
    agency_id    uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix       text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    scopes       text[]      NOT NULL CHECK (cardinality(scopes) > 0
                                             AND scopes <@ ARRAY['read', 'metrics:write', 'admin']),
    created_by   uuid        REFERENCES users ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_by_agency ON api_tokens (agency_id, created_at);

-- One row per refresh token ever issued. A token is used once: refreshing marks it replaced and issues the
-- next one of the same family; presenting a replaced token again revokes the whole family.
CREATE TABLE refresh_tokens (
    id          uuid        PRIMARY KEY,
    family_id   uuid        NOT NULL,
    agency_id   uuid        NOT NULL REFERENCES agencies ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    replaced_at timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (agency_id, family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (agency_id, user_id);

GRANT SELECT, INSERT, UPDATE, DELETE
    ON agencies, users, clients, memberships, invitations, api_tokens, refresh_tokens TO zoomfactor_app;

-- Row-level security: FORCE so that not even the tables' owner is exempt. The settings are read through
-- (SELECT ...) so that PostgreSQL evaluates them once per statement, not once per row.
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
-- an agency is visible to its own transactions and, while signing in, to its members
CREATE POLICY agency_isolation ON agencies
    USING (id = (SELECT current_agency_id())
           OR id IN (SELECT m.agency_id FROM memberships m WHERE m.user_id = (SELECT current_person_id())))
    WITH CHECK (id = (SELECT current_agency_id()));

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
-- while signing in (no agency chosen yet) a person sees their own memberships, and nobody else's
CREATE POLICY agency_isolation ON memberships
    USING (agency_id = (SELECT current_agency_id()) OR user_id = (SELECT current_person_id()))
    WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE clients FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON clients
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON invitations
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON api_tokens
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON refresh_tokens
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
