package dev.offpay.notify;

import dev.offpay.core.OutboxRenderer;
import dev.offpay.store.JdbcStore;
import dev.offpay.store.PostgresStore;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The delivery contract on PostgreSQL (127.0.0.1:5432, user postgres, or OFFPAY_TEST_PG_URL), one
 * fresh schema per test in database offpay_notify_test. Skipped when no server answers.
 */
class PostgresNotifierTest extends NotifierContract {
    private static final String SERVER = System.getenv().getOrDefault("OFFPAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String DATABASE = "offpay_notify_test";

    @Override
    JdbcStore openStore(Path dir, OutboxRenderer renderer) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", null); Statement s = c.createStatement()) {
            try {
                s.execute("CREATE DATABASE " + DATABASE);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) throw e; // already exists
            }
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || e.getMessage().contains("Connection refused")) {
                Assumptions.abort("no PostgreSQL at " + SERVER + ": " + e.getMessage());
            }
            throw e;
        }
        String schema = "t" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(SERVER + DATABASE, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return new PostgresStore(SERVER + DATABASE + "?currentSchema=" + schema, "postgres", null, 4, renderer);
    }
}
