package dev.offpay.store;

import dev.offpay.core.Store;
import dev.offpay.testkit.Postgres;
import dev.offpay.testkit.StoreContract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The store contract on PostgreSQL, each test in a fresh schema. An unreachable server fails the
 * tests (CI must not skip PostgreSQL silently) unless the developer set OFFPAY_SKIP_PG=true.
 */
class PostgresStoreTest extends StoreContract {
    private String url;

    @Override
    protected Store newStore() {
        assumeFalse(Postgres.skipped(), "OFFPAY_SKIP_PG=true");
        url = Postgres.freshSchemaUrl();
        return new PostgresStore(url, null, null, 4, RENDERER);
    }

    @Override
    protected Connection openConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }
}
