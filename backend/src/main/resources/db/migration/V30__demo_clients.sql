-- A demo client: filled with generated data so that a new agency sees every feature at work. It is marked so that
-- every screen can say so, and an agency has at most one (adding another answers 409; deleting it allows a new one).
ALTER TABLE clients ADD COLUMN demo boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX clients_one_demo_per_agency ON clients (agency_id) WHERE demo;
