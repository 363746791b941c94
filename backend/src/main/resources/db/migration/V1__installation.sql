-- One row that names this installation's data: it survives restarts, and tells two databases apart.
CREATE TABLE installation (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    singleton  boolean     NOT NULL DEFAULT true UNIQUE CHECK (singleton),
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO installation DEFAULT VALUES;
