package dev.offpay.store;

import dev.offpay.core.OutboxRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit of the embedded store: batches of units in savepoints, one commit, answers after it. */
class GroupCommitTest {
    @TempDir
    Path dir;
    SqliteStore store;

    @BeforeEach
    void open() {
        store = new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.FULL, OutboxRenderer.NONE);
        store.write(c -> {
            c.createStatement().execute("CREATE TABLE gc_rows (id TEXT PRIMARY KEY)");
            c.createStatement().execute("CREATE TABLE gc_counter (n INTEGER NOT NULL)");
            c.createStatement().execute("INSERT INTO gc_counter VALUES (0)");
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static int count(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gc_rows WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Void insert(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gc_rows (id) VALUES (?)")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return null;
    }

    private static void awaitParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "writer did not queue up");
            Thread.sleep(5);
        }
    }

    @Test
    void aFailingUnitDoesNotRollBackTheOthersOfItsBatch() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> errors = new AtomicReference<>();
        Thread blocker = new Thread(() -> store.write(c -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return insert(c, "a");
        }));
        blocker.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        // Three writers queue up behind the running unit: they make the next batch.
        RuntimeException boom = new IllegalStateException("boom");
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicBoolean sawUncommittedB = new AtomicBoolean();
        AtomicBoolean readerSawB = new AtomicBoolean(true);
        Thread b = new Thread(() -> store.write(c -> insert(c, "b")));
        Thread fails = new Thread(() -> {
            try {
                store.write(c -> {
                    insert(c, "c");
                    throw boom;
                });
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        Thread d = new Thread(() -> {
            try {
                store.write(c -> {
                    // Same transaction as b (same connection), not yet committed (readers do not see it).
                    sawUncommittedB.set(count(c, "b") == 1);
                    readerSawB.set(store.<Integer>read(r -> count(r, "b")) == 1);
                    return insert(c, "d");
                });
                // Answered only after the commit: a reader sees it now.
                assertEquals(1, store.<Integer>read(r -> count(r, "d")));
            } catch (Throwable t) {
                errors.set(t);
            }
        });
        b.start();
        awaitParked(b);
        fails.start();
        awaitParked(fails);
        d.start();
        awaitParked(d);
        release.countDown();
        for (Thread t : List.of(blocker, b, fails, d)) t.join(10_000);

        assertNull(errors.get());
        assertSame(boom, failed.get());
        assertTrue(sawUncommittedB.get(), "d ran after b in one transaction");
        assertFalse(readerSawB.get(), "b and d were committed together");
        assertEquals(1, store.<Integer>read(r -> count(r, "a")));
        assertEquals(1, store.<Integer>read(r -> count(r, "b")));
        assertEquals(0, store.<Integer>read(r -> count(r, "c")));
        assertEquals(1, store.<Integer>read(r -> count(r, "d")));
    }

    @Test
    void sqlFailuresAreTheCallersOwnAndTheUnitIsUndone() {
        store.write(c -> insert(c, "x"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> store.write(c -> {
            insert(c, "y");
            return insert(c, "x"); // unique violation
        }));
        assertFalse(e instanceof JdbcStore.StoreException && e.getCause() == null);
        assertEquals(0, store.<Integer>read(r -> count(r, "y")));
        store.write(c -> insert(c, "z"));
        assertEquals(1, store.<Integer>read(r -> count(r, "z")));
    }

    @Test
    void nestedWritesDoNotDeadlock() {
        store.write(c -> {
            insert(c, "outer");
            store.write(c2 -> insert(c2, "inner"));
            assertThrows(IllegalStateException.class, () -> store.write(c2 -> {
                insert(c2, "inner-failed");
                throw new IllegalStateException("inner");
            }));
            return null;
        });
        assertEquals(1, store.<Integer>read(r -> count(r, "outer")));
        assertEquals(1, store.<Integer>read(r -> count(r, "inner")));
        assertEquals(0, store.<Integer>read(r -> count(r, "inner-failed")));
    }

    @Test
    void concurrentWritersAreSerializedAndAllCommitted() throws Exception {
        int threads = 32, each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < each; i++) {
                        boolean fail = (i % 5) == 0;
                        try {
                            store.write(c -> {
                                int n;
                                try (ResultSet rs = c.createStatement().executeQuery("SELECT n FROM gc_counter")) {
                                    rs.next();
                                    n = rs.getInt(1);
                                }
                                Thread.yield(); // units never interleave: no lost update
                                c.createStatement().executeUpdate("UPDATE gc_counter SET n = " + (n + 1));
                                insert(c, id + "-" + System.nanoTime());
                                if (fail) throw new IllegalArgumentException("planned");
                                return null;
                            });
                            ok++;
                        } catch (IllegalArgumentException expected) {
                            // rolled back alone
                        }
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : futures) ok += f.get(60, TimeUnit.SECONDS);
            assertEquals(threads * (each - each / 5), ok);
            int total = ok;
            assertEquals(total, store.<Integer>read(r -> {
                try (ResultSet rs = r.createStatement().executeQuery("SELECT n FROM gc_counter")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
            assertEquals(total, store.<Integer>read(r -> {
                try (ResultSet rs = r.createStatement().executeQuery("SELECT COUNT(*) FROM gc_rows")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedWriterStillGetsItsOutcomeAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            store.write(c -> insert(c, "i"));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, store.<Integer>read(r -> count(r, "i")));
    }
}
