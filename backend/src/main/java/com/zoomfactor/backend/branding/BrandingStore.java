package com.zoomfactor.backend.branding;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** An agency's branding (agency_branding; SQL and row mapping): read with the defaults filled in, set, its logo. */
public final class BrandingStore {

    private static final String READ = """
            SELECT a.name, b.display_name, b.brand_colour, b.report_footer, coalesce(b.powered_by, true) AS powered_by,
                   b.logo_type, b.logo_width, b.logo_height, b.logo_updated_at
              FROM agencies a LEFT JOIN agency_branding b ON b.agency_id = a.id
             WHERE a.id = $1""";
    private static final String SET = """
            INSERT INTO agency_branding (agency_id, display_name, brand_colour, report_footer, powered_by)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (agency_id) DO UPDATE SET display_name = $2, brand_colour = $3, report_footer = $4,
                   powered_by = $5, updated_at = now()""";
    private static final String SET_LOGO = """
            INSERT INTO agency_branding (agency_id, logo, logo_type, logo_width, logo_height, logo_updated_at)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (agency_id) DO UPDATE SET logo = $2, logo_type = $3, logo_width = $4, logo_height = $5,
                   logo_updated_at = now(), updated_at = now()""";
    private static final String REMOVE_LOGO = """
            UPDATE agency_branding SET logo = NULL, logo_type = NULL, logo_width = NULL, logo_height = NULL,
                   logo_updated_at = NULL, updated_at = now()
             WHERE agency_id = $1 AND logo IS NOT NULL""";
    private static final String LOGO = "SELECT logo, logo_type, logo_width, logo_height FROM agency_branding"
            + " WHERE agency_id = $1 AND logo IS NOT NULL";

    /** The settings a person changes at once (the logo apart). */
    public record Settings(String customName, String colour, String footer, boolean poweredBy) {
    }

    private BrandingStore() {
    }

    /** The agency's branding, defaults where it set nothing. */
    public static Future<Branding> read(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(READ).execute(Tuple.of(agencyId)).map(rows -> branding(rows.iterator().next()));
    }

    static Future<Void> set(SqlConnection sql, UUID agencyId, Settings settings) {
        return sql.preparedQuery(SET).execute(Tuple.of(agencyId, settings.customName(), settings.colour(),
                settings.footer(), settings.poweredBy())).mapEmpty();
    }

    static Future<Void> setLogo(SqlConnection sql, UUID agencyId, LogoFile logo) {
        return sql.preparedQuery(SET_LOGO).execute(Tuple.of(agencyId, Buffer.buffer(logo.bytes()), logo.type(),
                logo.width(), logo.height())).mapEmpty();
    }

    /** Removes the logo; false when there was none. */
    static Future<Boolean> removeLogo(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(REMOVE_LOGO).execute(Tuple.of(agencyId)).map(rows -> rows.rowCount() > 0);
    }

    /** The agency's logo with its bytes, if it has one. */
    public static Future<Optional<LogoFile>> logo(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(LOGO).execute(Tuple.of(agencyId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new LogoFile(row.getBuffer("logo").getBytes(), row.getString("logo_type"),
                    row.getInteger("logo_width"), row.getInteger("logo_height")));
        });
    }

    private static Branding branding(Row row) {
        String custom = row.getString("display_name");
        String type = row.getString("logo_type");
        return new Branding(custom == null ? row.getString("name") : custom, custom, row.getString("brand_colour"),
                row.getString("report_footer"), row.getBoolean("powered_by"), type == null ? null
                : new Branding.Logo(type, row.getInteger("logo_width"), row.getInteger("logo_height"),
                        row.getOffsetDateTime("logo_updated_at")));
    }
}
