package dev.offpay.notify;

import dev.offpay.core.OutboxRenderer;
import dev.offpay.store.JdbcStore;
import dev.offpay.store.SqliteStore;

import java.nio.file.Path;

/** The delivery contract on the embedded store. */
class SqliteNotifierTest extends NotifierContract {
    @Override
    JdbcStore openStore(Path dir, OutboxRenderer renderer) {
        return new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.FULL, renderer);
    }
}
