package dev.offpay.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server tests run against (OFFPAY_TEST_PG_URL, default 127.0.0.1:5432 database test,
 * user postgres). Each call makes a fresh schema so test classes never see each other's rows. When
 * no server answers, tests fail (CI must never skip PostgreSQL silently) unless OFFPAY_SKIP_PG=true.
 */
public final class Postgres {
    private Postgres() {
    }

    public static String baseUrl() {
        String url = System.getenv("OFFPAY_TEST_PG_URL");
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    }

    /** True when the developer asked to skip PostgreSQL tests (never set in CI). */
    public static boolean skipped() {
        return "true".equalsIgnoreCase(System.getenv("OFFPAY_SKIP_PG")) && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** A JDBC URL of a new, empty schema. */
    public static String freshSchemaUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + baseUrl()
                    + " (set OFFPAY_TEST_PG_URL, or OFFPAY_SKIP_PG=true outside CI): " + e.getMessage(), e);
        }
        String base = baseUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
