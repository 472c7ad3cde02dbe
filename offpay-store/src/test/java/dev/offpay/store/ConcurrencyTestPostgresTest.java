package dev.offpay.store;

import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.Store;
import dev.offpay.testkit.Postgres;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The races of {@link ConcurrencyTest} on PostgreSQL (row locks); fails when the server is unreachable. */
class ConcurrencyTestPostgresTest extends ConcurrencyTest {
    @Override
    protected Store newStore() {
        assumeFalse(Postgres.skipped(), "OFFPAY_SKIP_PG=true");
        return new PostgresStore(Postgres.freshSchemaUrl(), null, null, 14, OutboxRenderer.NONE);
    }
}
