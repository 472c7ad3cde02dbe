package dev.offpay.store;

import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.Store;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The races of {@link ConcurrencyTest} on the embedded database. */
class ConcurrencyTestEmbeddedTest extends ConcurrencyTest {
    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, OutboxRenderer.NONE);
    }
}
