-- White label: how an agency presents itself to its clients on reports and shared dashboards. One row per agency,
-- made on its first change; no row reads as the defaults (the agency's own name, no logo, the product's colour, no
-- footer, "powered by Zoom Factor" shown). The logo is stored as checked (PNG) or sanitised (SVG) bytes, small.
CREATE TABLE agency_branding (
    agency_id       uuid        PRIMARY KEY REFERENCES agencies ON DELETE CASCADE,
    -- NULL: the agency's own name
    display_name    text        CHECK (length(display_name) BETWEEN 1 AND 200),
    -- #rrggbb, lower case; NULL: the product's colour
    brand_colour    text        CHECK (brand_colour ~ '^#[0-9a-f]{6}$'),
    report_footer   text        CHECK (length(report_footer) BETWEEN 1 AND 500),
    powered_by      boolean     NOT NULL DEFAULT true,
    logo            bytea       CHECK (length(logo) BETWEEN 1 AND 262144),
    logo_type       text        CHECK (logo_type IN ('image/png', 'image/svg+xml')),
    logo_width      integer,
    logo_height     integer,
    logo_updated_at timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((logo IS NULL) = (logo_type IS NULL))
);

GRANT SELECT, INSERT, UPDATE, DELETE ON agency_branding TO zoomfactor_app;

ALTER TABLE agency_branding ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_branding FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON agency_branding
    USING (agency_id = (SELECT current_agency_id())) WITH CHECK (agency_id = (SELECT current_agency_id()));
