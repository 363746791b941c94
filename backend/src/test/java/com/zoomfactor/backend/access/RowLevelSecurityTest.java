package com.zoomfactor.backend.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The second lock: with the server's own connections, rows of an agency exist only for its transactions. */
class RowLevelSecurityTest {

    private static final List<String> TENANT_TABLES =
            List.of("agencies", "clients", "memberships", "invitations", "api_tokens", "refresh_tokens");

    @RegisterExtension
    static final LiveServer live = new LiveServer();
    private static Session owner;

    @BeforeAll
    static void setUp() {
        Accounts accounts = live.accounts();
        owner = accounts.signUp("Locked Agency");
        accounts.createClient(owner, "Locked Client");
        accounts.createToken(owner, "read");
        live.http().call(HttpMethod.POST, "/api/members/invitations",
                owner.accessToken(), new JsonObject().put("email", "later@example.com").put("role", "viewer"));
    }

    private static long count(String sql, Tuple params) throws Exception {
        return live.server().pool().preparedQuery(sql).execute(params).await(10, TimeUnit.SECONDS)
                .iterator().next().getLong(0);
    }

    @Test
    void theServerWorksAsARoleThatCannotBypassRowLevelSecurity() throws Exception {
        Row role = live.server().pool().query("SELECT current_user, r.rolsuper, r.rolbypassrls FROM pg_roles r"
                + " WHERE r.rolname = current_user").execute().await(10, TimeUnit.SECONDS).iterator().next();
        assertThat(role.getString(0)).isEqualTo("zoomfactor_app");
        assertThat(role.getBoolean(1)).as("superuser").isFalse();
        assertThat(role.getBoolean(2)).as("bypasses RLS").isFalse();
    }

    @Test
    void everyTableWithAnAgencyColumnHasForcedRowLevelSecurity() throws Exception {
        List<String> unlocked = new java.util.ArrayList<>();
        live.server().pool().query("""
                SELECT c.relname FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname IN ('agency_id')
                 WHERE c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)""")
                .execute().await(10, TimeUnit.SECONDS).forEach(row -> unlocked.add(row.getString(0)));
        assertThat(unlocked).as("tenant tables without forced row-level security").isEmpty();
        long tenantTables = count("SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                + " AND a.attname = 'agency_id' WHERE c.relkind = 'r' AND c.relrowsecurity", Tuple.tuple());
        assertThat(tenantTables).as("the check sees the tenant tables").isGreaterThanOrEqualTo(10);
    }

    @Test
    void withoutTheAgencySettingEveryTenantTableLooksEmpty() throws Exception {
        for (String table : TENANT_TABLES) {
            assertThat(count("SELECT count(*) FROM " + table, Tuple.tuple())).as(table).isZero();
            assertThat(adminCount(table)).as(table + " has rows all the same").isPositive();
        }
    }

    @Test
    void withTheSettingOnlyThatAgencysRowsAppear() throws Exception {
        Tenancy tenancy = new Tenancy(live.server().pool());
        long mine = tenancy.inAgency(owner.agencyId(), sql -> sql.query("SELECT count(*) FROM clients").execute()
                .map(rows -> rows.iterator().next().getLong(0))).await(10, TimeUnit.SECONDS);
        long someoneElses = tenancy.inAgency(UUID.randomUUID(), sql -> sql.query("SELECT count(*) FROM clients").execute()
                .map(rows -> rows.iterator().next().getLong(0))).await(10, TimeUnit.SECONDS);
        assertThat(mine).isEqualTo(1);
        assertThat(someoneElses).isZero();
    }

    @Test
    void theSettingDoesNotOutliveItsTransaction() throws Exception {
        Pool pool = live.server().pool();
        new Tenancy(pool).inAgency(owner.agencyId(), sql -> sql.query("SELECT 1").execute()).await(10, TimeUnit.SECONDS);
        // the pool hands the same connections out again: they must carry no agency
        for (int i = 0; i < 20; i++) {
            assertThat(count("SELECT count(*) FROM clients", Tuple.tuple())).isZero();
        }
    }

    @Test
    void writingARowForAnotherAgencyIsRefusedByThePolicy() {
        Pool pool = live.server().pool();
        assertThatThrownBy(() -> new Tenancy(pool).inAgency(UUID.randomUUID(), sql -> sql
                .preparedQuery("INSERT INTO clients (agency_id, name) VALUES ($1, 'Smuggled')")
                .execute(Tuple.of(owner.agencyId()))).await(10, TimeUnit.SECONDS))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> pool.preparedQuery("INSERT INTO clients (agency_id, name) VALUES ($1, 'Smuggled')")
                .execute(Tuple.of(owner.agencyId())).await(10, TimeUnit.SECONDS))
                .hasMessageContaining("row-level security");
    }

    /** Counts as the database's administrator (a superuser), who is not subject to the policies. */
    private static long adminCount(String table) throws Exception {
        DatabaseUrl admin = live.server().database();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
