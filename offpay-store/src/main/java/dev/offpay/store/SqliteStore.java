package dev.offpay.store;

import dev.offpay.core.OutboxRenderer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file in the data directory, WAL journal. Writes go through one
 * connection, one transaction at a time (SQLite has a single writer anyway); reads use a small pool
 * and see the last commit. With synchronous=FULL every commit is fsynced before it is answered.
 * Concurrent writes are group-committed: one transaction (one fsync) for a batch of them, each in its
 * own savepoint, every one answered only after that commit.
 */
public final class SqliteStore extends JdbcStore {
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> readers;
    private final String url;
    /** Units of work waiting for a leader to run them (see {@link #write}). */
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    /** Depth of nested writes in the running unit; guarded by the write lock. */
    private int nestedDepth;
    /** At most this many units go in one transaction. */
    private static final int MAX_BATCH = 64;
    private static final String UNIT_SAVEPOINT = "offpay_unit";

    /** Durability of commits: FULL fsyncs each commit; NORMAL survives a process crash (kill -9) but not power loss. */
    public enum Durability { FULL, NORMAL }

    public SqliteStore(Path file, Durability durability, OutboxRenderer renderer) {
        super(renderer);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.url = "jdbc:sqlite:" + file.toAbsolutePath();
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(durability == Durability.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(10_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl(url);
            migrate(ds);
            writer = ds.getConnection();
            writer.setAutoCommit(false);
            int n = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
            readers = new ArrayBlockingQueue<>(n);
            SQLiteConfig readConfig = new SQLiteConfig();
            readConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
            readConfig.setBusyTimeout(10_000);
            readConfig.setReadOnly(true);
            SQLiteDataSource rds = new SQLiteDataSource(readConfig);
            rds.setUrl(url);
            for (int i = 0; i < n; i++) readers.add(rds.getConnection());
        } catch (Exception e) {
            throw new StoreException("cannot open the embedded store at " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected <T> T read(TxWork<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw storeFailure(e);
        } finally {
            readers.add(c);
        }
    }

    /**
     * Runs one unit of work in a write transaction, with group commit: concurrent callers' units are
     * queued and run one after another on the writer connection by whichever caller holds the write
     * lock (the leader), each in its own SAVEPOINT, and then committed together by ONE commit (one
     * WAL append and fsync for the whole batch). A unit that fails is rolled back to its savepoint
     * alone and its caller gets its exception; the other units of the batch stay. Every caller of
     * the batch is answered only after the commit has returned, so an answered write is durable; if
     * the commit fails, every caller of the batch gets the failure.
     */
    @Override
    protected <T> T write(TxWork<T> work) {
        // A write from inside a unit of work (the leader runs it): a nested savepoint of the unit.
        if (writeLock.isHeldByCurrentThread()) return nested(work);
        Pending<T> mine = new Pending<>(work);
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (writeLock.tryLock()) {
                try {
                    // Our unit is queued and not done, so every batch makes progress towards it.
                    while (!mine.done) runBatch();
                } finally {
                    writeLock.unlock();
                    wakeNextLeader();
                }
            } else {
                // The leader completes our unit (and unparks us) or, when it leaves units behind,
                // unparks the first of them to lead the next batch.
                LockSupport.park(this);
                // Like the lock it replaces, a write is not abandoned on interrupt: the unit may be
                // committed by the leader at any moment, so the caller waits for its outcome.
                if (Thread.interrupted()) interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return mine.outcome();
    }

    /** A queued unit of work and, once done, its outcome. */
    private final class Pending<T> {
        final TxWork<T> work;
        final Thread waiter = Thread.currentThread();
        T result;
        Throwable failure;
        boolean committed;
        volatile boolean done;

        Pending(TxWork<T> work) {
            this.work = work;
        }

        /** Runs the unit in its savepoint; true when it succeeded and awaits the commit. */
        boolean run() throws BatchAborted {
            execute("SAVEPOINT " + UNIT_SAVEPOINT);
            try {
                result = work.run(writer);
            } catch (SQLException e) {
                failure = storeFailure(e);
                undo();
                return false;
            } catch (RuntimeException | Error e) {
                failure = e;
                undo();
                return false;
            }
            execute("RELEASE " + UNIT_SAVEPOINT);
            return true;
        }

        private void undo() throws BatchAborted {
            execute("ROLLBACK TO " + UNIT_SAVEPOINT);
            execute("RELEASE " + UNIT_SAVEPOINT);
        }

        /** Runs a savepoint statement; a failure there dooms the whole transaction. */
        private void execute(String sql) throws BatchAborted {
            try (Statement st = writer.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                RuntimeException f = storeFailure(e);
                if (failure == null) failure = f;
                throw new BatchAborted(f);
            }
        }

        void finish() {
            if (failure == null && !committed) failure = new StoreException("the write was not committed", null);
            done = true;
            LockSupport.unpark(waiter);
        }

        T outcome() {
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new StoreException(failure.getMessage(), failure);
            return result;
        }
    }

    /** The transaction of a batch cannot go on (a savepoint statement failed): roll it back. */
    private static final class BatchAborted extends Exception {
        final RuntimeException cause;

        BatchAborted(RuntimeException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    /** Runs the units queued so far (up to {@link #MAX_BATCH}) in one transaction and commits it. Under the write lock. */
    private void runBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) batch.add(p);
        // Units run on this thread for other callers: an interrupt of this caller must not leak into them.
        boolean interrupted = Thread.interrupted();
        List<Pending<?>> uncommitted = new ArrayList<>(batch.size());
        try {
            for (Pending<?> p : batch) {
                try {
                    if (p.run()) uncommitted.add(p);
                } catch (BatchAborted a) {
                    rollback();
                    for (Pending<?> u : uncommitted) u.failure = a.cause;
                    uncommitted.clear();
                }
            }
            if (!uncommitted.isEmpty()) {
                try {
                    writer.commit();
                    for (Pending<?> u : uncommitted) u.committed = true;
                } catch (SQLException e) {
                    rollback();
                    for (Pending<?> u : uncommitted) u.failure = storeFailure(e);
                } catch (RuntimeException | Error e) {
                    rollback();
                    for (Pending<?> u : uncommitted) u.failure = e;
                }
            }
        } finally {
            // Answers go out only now, after the commit (a unit not committed is answered with a failure).
            for (Pending<?> p : batch) p.finish();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** After the lock is released: the first queued unit's caller leads the next batch (unless one already does). */
    private void wakeNextLeader() {
        Pending<?> next = queue.peek();
        if (next != null) LockSupport.unpark(next.waiter);
    }

    /** A write called from inside a unit of work: runs in a nested savepoint of that unit, committed with it. */
    private <T> T nested(TxWork<T> work) {
        String sp = "offpay_nested_" + (++nestedDepth);
        try {
            try (Statement st = writer.createStatement()) {
                st.execute("SAVEPOINT " + sp);
            }
            try {
                T result = work.run(writer);
                try (Statement st = writer.createStatement()) {
                    st.execute("RELEASE " + sp);
                }
                return result;
            } catch (SQLException e) {
                undoNested(sp);
                throw storeFailure(e);
            } catch (RuntimeException | Error e) {
                undoNested(sp);
                throw e;
            }
        } catch (SQLException e) {
            throw storeFailure(e);
        } finally {
            nestedDepth--;
        }
    }

    private void undoNested(String sp) {
        try (Statement st = writer.createStatement()) {
            st.execute("ROLLBACK TO " + sp);
            st.execute("RELEASE " + sp);
        } catch (SQLException ignored) {
            // the enclosing unit fails with the original exception, and its savepoint undoes it all
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            // The transaction may already be gone (SQLite rolls back on some errors); make sure the
            // next batch runs inside a transaction again.
            try (Statement st = writer.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
            } catch (SQLException ignored) {
                // still in a transaction, or the connection reports the failure on the next use
            }
        }
    }

    @Override
    protected String lockClause() {
        return ""; // the single writer connection makes every write transaction exclusive
    }

    @Override
    protected boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"));
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            writer.close();
            for (Connection c : readers) c.close();
        } catch (SQLException ignored) {
            // closing
        } finally {
            writeLock.unlock();
            wakeNextLeader(); // writes queued meanwhile fail on the closed connection rather than wait
        }
    }
}
