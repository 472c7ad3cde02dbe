package dev.offpay.store;

import dev.offpay.core.Store;
import dev.offpay.testkit.StoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The store contract on the embedded database (SQLite in a temporary directory). */
class EmbeddedStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, RENDERER);
    }

    @Override
    protected Connection openConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("offpay.db").toAbsolutePath());
    }
}
